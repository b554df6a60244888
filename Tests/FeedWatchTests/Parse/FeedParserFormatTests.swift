import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

/// One small document per format and extension, written for these tests.
@Suite("FeedParser: formats and extensions")
struct FeedParserFormatTests {
    private func parse(_ text: String, url: String? = "https://news.example.org/feed") throws -> ParsedFeed {
        try FeedParser().parse(Data(text.utf8), url: url)
    }

    @Test func readsRSS090AsRDF() throws {
        let feed = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
              <channel><title>Harbor Wire</title><link>https://harbor.example/</link></channel>
              <item><title>Ferries resume</title><link>https://harbor.example/ferries</link></item>
            </rdf:RDF>
            """
        )
        #expect(feed.format == .rdf)
        #expect(feed.title == "Harbor Wire")
        #expect(feed.items.map(\.link) == ["https://harbor.example/ferries"])
    }

    @Test(arguments: ["0.91", "0.92", "0.93", "0.94", "2.0"])
    func readsEveryRSSVersion(version: String) throws {
        let feed = try parse(
            """
            <rss version="\(version)"><channel><title>Ledger</title><link>https://ledger.example/</link>
            <description>Local &amp; regional</description><language>en-gb</language>
            <item><title>Bridge reopens</title><link>https://ledger.example/bridge</link>
            <description>The &lt;b&gt;old&lt;/b&gt; bridge</description></item></channel></rss>
            """
        )
        #expect(feed.format == .rss)
        #expect(feed.subtitle == FeedText(type: "html", value: "Local &amp; regional"))
        #expect(feed.language == "en-gb")
        #expect(feed.items.first?.summary == "The old bridge")
        #expect(feed.items.first?.summaryDetail == FeedText(type: "html", value: "The <b>old</b> bridge"))
    }

    @Test func readsRSS2ChannelMetadataAndItemDetails() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><title>Courier</title>
            <managingEditor>desk@courier.example (News Desk)</managingEditor>
            <category domain="https://courier.example/sections">World</category>
            <pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><lastBuildDate>Mon, 02 Mar 2026 09:30:00 GMT</lastBuildDate>
            <item><guid isPermaLink="false">c-17</guid><title>Port strike ends</title>
            <author>ana@courier.example (Ana Ruiz)</author>
            <category domain="https://courier.example/tags">labour</category>
            <enclosure url="/audio/c-17.mp3" type="audio/mpeg" length="48213"/>
            </item></channel></rss>
            """,
            url: "https://courier.example/rss.xml"
        )
        #expect(feed.authors == [FeedPerson(name: "News Desk", email: "desk@courier.example")])
        #expect(feed.categories == [FeedCategory(term: "World", scheme: "https://courier.example/sections")])
        #expect(feed.published == Date(timeIntervalSince1970: 1_772_438_400))
        #expect(feed.updated == Date(timeIntervalSince1970: 1_772_443_800))
        let item = try #require(feed.items.first)
        #expect(item.id == "c-17")
        #expect(item.authorDetails == [FeedPerson(name: "Ana Ruiz", email: "ana@courier.example")])
        #expect(item.authors == ["Ana Ruiz"])
        #expect(item.categoryDetails == [FeedCategory(term: "labour", scheme: "https://courier.example/tags")])
        #expect(
            item.enclosures
                == [FeedEnclosure(url: "https://courier.example/audio/c-17.mp3", type: "audio/mpeg", length: 48213)]
        )
    }

    @Test func readsRSS1WithDublinCoreTermsAndContentModules() throws {
        let feed = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
              xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
              xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel rdf:about="https://valley.example/rss"><title>Valley Post</title>
                <dc:language>de</dc:language><dc:date>2026-03-01T07:00:00Z</dc:date></channel>
              <item rdf:about="https://valley.example/a/1"><title>Dam inspected</title>
                <dc:creator>Lena Vogt</dc:creator><dc:subject>infrastructure</dc:subject>
                <dc:date>2026-03-01T06:00:00+01:00</dc:date><dcterms:modified>2026-03-01T09:00:00Z</dcterms:modified>
                <content:encoded>&lt;p&gt;Engineers found &lt;em&gt;no&lt;/em&gt; cracks.&lt;/p&gt;</content:encoded>
              </item>
            </rdf:RDF>
            """
        )
        #expect(feed.id == "https://valley.example/rss")
        #expect(feed.language == "de")
        #expect(feed.published == Date(timeIntervalSince1970: 1_772_348_400))
        let item = try #require(feed.items.first)
        #expect(item.id == "https://valley.example/a/1")
        #expect(item.authors == ["Lena Vogt"])
        #expect(item.categories == ["infrastructure"])
        #expect(item.published == Date(timeIntervalSince1970: 1_772_341_200))
        #expect(item.updated == Date(timeIntervalSince1970: 1_772_355_600))
        #expect(item.content == "Engineers found no cracks.")
        #expect(item.contents == [FeedText(type: "html", value: "<p>Engineers found <em>no</em> cracks.</p>")])
    }

    @Test func readsAtom03() throws {
        let feed = try parse(
            """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
              <tagline>Since 2004</tagline><modified>2004-01-01T19:48:21Z</modified>
              <link rel="alternate" type="text/html" href="https://old.example/"/>
              <entry><title>First</title><id>tag:old.example,2004:1</id>
                <link rel="alternate" type="text/html" href="https://old.example/1"/>
                <issued>2004-01-01T18:00:00Z</issued><modified>2004-01-01T19:48:21Z</modified>
                <author><name>Sam</name><url>https://old.example/sam</url></author>
                <content type="text/html" mode="escaped">&lt;p&gt;Hello&lt;/p&gt;</content>
              </entry>
            </feed>
            """
        )
        #expect(feed.format == .atom)
        #expect(feed.subtitle == FeedText(type: "text", value: "Since 2004"))
        #expect(feed.updated == Date(timeIntervalSince1970: 1_072_986_501))
        let item = try #require(feed.items.first)
        #expect(item.published == Date(timeIntervalSince1970: 1_072_980_000))
        #expect(item.authorDetails == [FeedPerson(name: "Sam", uri: "https://old.example/sam")])
        #expect(item.contents == [FeedText(type: "html", value: "<p>Hello</p>")])
    }

    @Test func readsAtomTextConstructsOfEachType() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt;b&gt; C</title>
              <entry><title type="html">Rates &lt;em&gt;fall&lt;/em&gt;</title>
                <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Rates <b>fall</b> again</div></summary>
                <content type="text">Plain &amp; simple</content></entry>
            </feed>
            """
        )
        #expect(feed.titleDetail == FeedText(type: "text", value: "A <b> C"))
        let item = try #require(feed.items.first)
        #expect(item.titleDetail == FeedText(type: "html", value: "Rates <em>fall</em>"))
        #expect(item.title == "Rates fall")
        #expect(item.summaryDetail == FeedText(type: "xhtml", value: "Rates <b>fall</b> again"))
        #expect(item.summary == "Rates fall again")
        #expect(item.contents == [FeedText(type: "text", value: "Plain & simple")])
    }

    @Test func resolvesAtomLinksAgainstNestedXMLBase() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/">
              <link href="./"/>
              <entry xml:base="posts/"><link rel="alternate" href="one.html"/>
                <link rel="enclosure" href="../media/one.ogg" type="audio/ogg" length="10"/>
                <content type="html">&lt;a href="two.html"&gt;next&lt;/a&gt; &lt;img src="/i.png"&gt;</content>
              </entry>
            </feed>
            """,
            url: "https://elsewhere.example/feed.atom"
        )
        #expect(feed.link == "https://base.example/blog/")
        let item = try #require(feed.items.first)
        #expect(item.link == "https://base.example/blog/posts/one.html")
        #expect(
            item.enclosures == [
                FeedEnclosure(url: "https://base.example/blog/media/one.ogg", type: "audio/ogg", length: 10)
            ]
        )
        #expect(
            item.contents.first?.value
                == "<a href=\"https://base.example/blog/posts/two.html\">next</a> <img src=\"https://base.example/i.png\">"
        )
    }

    @Test func takesTheLanguageFromXMLLang() throws {
        let feed = try parse(
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-CA"><title>Nouvelles</title></feed>"#
        )
        #expect(feed.language == "fr-CA")
    }

    @Test func readsAtomPeopleAndCategories() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:feed-1</id>
              <author><name>Desk</name><email>desk@x.example</email><uri>https://x.example/desk</uri></author>
              <category term="news" scheme="https://x.example/s" label="News"/>
              <entry><author><name>Kim</name></author><category term="sport"/></entry>
            </feed>
            """
        )
        #expect(feed.id == "urn:uuid:feed-1")
        #expect(feed.authors == [FeedPerson(name: "Desk", email: "desk@x.example", uri: "https://x.example/desk")])
        #expect(feed.categories == [FeedCategory(term: "news", scheme: "https://x.example/s", label: "News")])
        #expect(feed.items.first?.authors == ["Kim"])
        #expect(feed.items.first?.categoryDetails == [FeedCategory(term: "sport")])
    }

    @Test func readsMediaRSSContentAndThumbnails() throws {
        let feed = try parse(
            """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item><title>Photo</title>
              <media:group><media:content url="https://cdn.example/p.jpg" type="image/jpeg" fileSize="2048"/></media:group>
              <media:thumbnail url="https://cdn.example/p-small.jpg"/>
            </item></channel></rss>
            """
        )
        let item = try #require(feed.items.first)
        #expect(item.enclosures == [FeedEnclosure(url: "https://cdn.example/p.jpg", type: "image/jpeg", length: 2048)])
        #expect(item.thumbnails == ["https://cdn.example/p-small.jpg"])
    }

    @Test func readsITunesAuthorSummaryAndCategories() throws {
        let feed = try parse(
            """
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Cast</title>
              <itunes:author>Pod People</itunes:author><itunes:summary>Weekly talk</itunes:summary>
              <itunes:category text="News"><itunes:category text="Politics"/></itunes:category>
              <item><title>Ep 1</title><itunes:author>Host A</itunes:author><itunes:summary>Pilot</itunes:summary></item>
            </channel></rss>
            """
        )
        #expect(feed.authors == [FeedPerson(name: "Pod People")])
        #expect(feed.subtitle?.value == "Weekly talk")
        #expect(feed.categories.map(\.term) == ["News", "Politics"])
        #expect(feed.items.first?.authors == ["Host A"])
        #expect(feed.items.first?.summary == "Pilot")
    }

    @Test func readsJSONFeed11() throws {
        let feed = try parse(
            """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Kiosk", "home_page_url": "https://kiosk.example/",
             "feed_url": "https://kiosk.example/feed.json", "language": "en", "authors": [{"name": "Ed"}],
             "items": [{"id": "k1", "url": "/posts/k1", "title": "Hello", "content_html": "<p>Hi <script>x()</script></p>",
                        "summary": "Greeting", "date_published": "2026-03-01T10:00:00Z", "tags": ["intro"],
                        "attachments": [{"url": "https://kiosk.example/k1.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 99}]}]}
            """
        )
        #expect(feed.format == .json)
        #expect(feed.title == "Kiosk")
        #expect(feed.id == "https://kiosk.example/feed.json")
        #expect(feed.authors == [FeedPerson(name: "Ed")])
        let item = try #require(feed.items.first)
        #expect(item.link == "https://kiosk.example/posts/k1")
        #expect(item.content == "Hi")
        #expect(item.contents == [FeedText(type: "html", value: "<p>Hi </p>")])
        #expect(item.published == Date(timeIntervalSince1970: 1_772_359_200))
        #expect(item.categories == ["intro"])
        #expect(item.enclosures == [FeedEnclosure(url: "https://kiosk.example/k1.mp3", type: "audio/mpeg", length: 99)])
    }

    @Test func readsJSONFeed10Author() throws {
        let feed = try parse(
            #"{"version": "https://jsonfeed.org/version/1", "title": "Old", "author": {"name": "Vi"}, "items": [{"id": 7, "content_text": "Body"}]}"#
        )
        #expect(feed.authors == [FeedPerson(name: "Vi")])
        #expect(feed.items.first?.id == "7")
        #expect(feed.items.first?.content == "Body")
    }

    @Test func refusesInvalidJSONAsMalformedJSON() {
        let error = ParseFixture.error(
            parsing: Data(#"{"version": "https://jsonfeed.org/version/1", "items": [}"#.utf8)
        )
        #expect(error?.code == .malformedJSON)
    }

    @Test func detectsTheFormatFromContentNotTheURL() throws {
        let feed = try parse(
            #"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>"#,
            url: "https://x.example/rss.xml"
        )
        #expect(feed.format == .atom)
    }
}
