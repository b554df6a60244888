import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

/// What the oldest and oddest feeds write: channel people, odd namespaces and roots, Atom 0.3 text constructs, RSS
/// item conventions, iTunes and Media RSS categories, HTML entities and document types.
@Suite("FeedParser: legacy formats")
struct FeedParserLegacyFormatTests {
    private func parse(_ xml: String, url: String? = nil) throws -> ParsedFeed {
        try FeedParser().parse(Data(xml.utf8), url: url)
    }

    // MARK: - Channel-level people

    /// A channel element naming a person, and the name and e-mail address read from it.
    static let channelPeople: [(String, String?, String?)] = [
        ("<author>Example editor (me@example.com)</author>", "Example editor", "me@example.com"),
        ("<managingEditor>me@example.com (Example editor)</managingEditor>", "Example editor", "me@example.com"),
        ("<dc:author>Example editor &lt;me@example.com&gt;</dc:author>", "Example editor", "me@example.com"),
        ("<dc:creator>Example editor</dc:creator>", "Example editor", nil),
        ("<itunes:author>me+spam@example.com</itunes:author>", nil, "me+spam@example.com"),
    ]

    @Test(arguments: channelPeople)
    func readsTheChannelsPeopleWithNameAndEmail(element: String, name: String?, email: String?) throws {
        let feed = try parse(
            """
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>\(element)</channel></rss>
            """
        )
        #expect(feed.authors == [FeedPerson(name: name, email: email)])
    }

    @Test func readsAnAtom03AuthorsHomepageAsTheirURI() throws {
        let feed = try parse(
            """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><author><name>Jo</name>\
            <homepage>http://example.com/jo</homepage></author></feed>
            """
        )
        #expect(feed.authors == [FeedPerson(name: "Jo", uri: "http://example.com/jo")])
    }

    // MARK: - Namespaces and roots

    @Test(arguments: ["http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss"])
    func readsRSSWhoseRootNamesANamespace(namespace: String) throws {
        let feed = try parse(
            "<rss version=\"2.0\" xmlns=\"\(namespace)\"><channel><title>T</title><item><title>I</title></item>"
                + "</channel></rss>"
        )
        #expect(feed.title == "T")
        #expect(feed.items.map(\.title) == ["I"])
    }

    @Test func readsAFeedRootInAnUnknownNamespaceAsAtom() throws {
        let feed = try parse(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/echo/\"><title>Echo</title><entry><title>E</title></entry></feed>"
        )
        #expect(feed.format == .atom)
        #expect(feed.title == "Echo")
        #expect(feed.items.map(\.title) == ["E"])
    }

    @Test func readsTheITunesNamespaceWhateverItsLetterCase() throws {
        let feed = try parse(
            """
            <rss xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel>\
            <itunes:category text="Technology"><itunes:category text="Gadgets"/></itunes:category></channel></rss>
            """
        )
        #expect(feed.categories.map(\.term) == ["Technology", "Gadgets"])
    }

    @Test func flagsAnUndeclaredPrefixButReadsTheFeed() throws {
        let feed = try parse("<rss><channel><title>T</title><item><x:y>z</x:y><title>I</title></item></channel></rss>")
        #expect(feed.items.map(\.title) == ["I"])
        #expect(!feed.wellformed)
    }

    @Test func readsAnAtom03ItemWrittenAsRSSItem() throws {
        let feed = try parse(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><item><title>I</title></item></feed>"
        )
        #expect(feed.items.map(\.title) == ["I"])
    }

    @Test func writesAnXMLLangWithAnUnderscoreAsALanguageTag() throws {
        let feed = try parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en_US\"><title>T</title></feed>")
        #expect(feed.language == "en-US")
    }

    @Test func readsAChannelDefinitionFormatDocument() throws {
        let feed = try parse(
            """
            <CHANNEL HREF="http://www.example.org/" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>Example feed</TITLE>\
            <ABSTRACT>About</ABSTRACT><ITEM HREF="/item" LASTMOD="2004-04-07T10:00:00Z"><TITLE>Example item</TITLE>\
            <ABSTRACT>Example description</ABSTRACT></ITEM></CHANNEL>
            """,
            url: "http://www.example.org/channel.cdf"
        )
        #expect(feed.format == .cdf)
        #expect(feed.title == "Example feed")
        #expect(feed.link == "http://www.example.org/")
        #expect(feed.subtitle?.value == "About")
        #expect(feed.updated.map(ParsedFeed.iso8601) == "2004-04-07T04:05:43Z")
        let item = try #require(feed.items.first)
        #expect(item.title == "Example item")
        #expect(item.summary == "Example description")
        #expect(item.link == "http://www.example.org/item")
        #expect(item.updated.map(ParsedFeed.iso8601) == "2004-04-07T10:00:00Z")
    }

    // MARK: - Atom text constructs

    @Test func keepsTheDivOfAtom03InlineXHTML() throws {
        let feed = try parse(
            """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title type="application/xhtml+xml" mode="xml">\
            <div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b></div></title></feed>
            """
        )
        #expect(feed.titleDetail == FeedText(type: "xhtml", value: "<div>Example <b>Atom</b></div>"))
    }

    @Test func dropsTheWrapperDivOfAtom10XHTML() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml">\
            <div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b></div></title></feed>
            """
        )
        #expect(feed.titleDetail == FeedText(type: "xhtml", value: "Example <b>Atom</b>"))
    }

    @Test func keepsMarkupInsideATextConstructThatNamedNoType() throws {
        let feed = try parse(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Example <b>Atom</b></title></feed>"
        )
        #expect(feed.titleDetail == FeedText(type: "html", value: "Example <b>Atom</b>"))
        #expect(feed.title == "Example Atom")
    }

    @Test func resolvesARelativeAtomIdAgainstTheBaseButKeepsOtherIds() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/blog/"><id>/feed</id>\
            <entry><id>./2004/entry</id></entry><entry><id>tag:example.com,2004:1</id></entry>\
            <entry><id>12345</id></entry></feed>
            """
        )
        #expect(feed.id == "http://example.com/feed")
        #expect(feed.items.map(\.id) == ["http://example.com/blog/2004/entry", "tag:example.com,2004:1", "12345"])
    }

    @Test func letsALaterDateOfTheSameKindCorrectAnEarlierOne() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><updated>2003-12-31T10:14:55Z</updated>\
            <updated>2010-12-01T10:14:55Z</updated><updated>not a date</updated></entry></feed>
            """
        )
        #expect(feed.items.first?.updated.map(ParsedFeed.iso8601) == "2010-12-01T10:14:55Z")
    }

    // MARK: - RSS items

    @Test func takesAPermalinkGuidAsTheLinkWhenThereIsNone() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><item><guid>http://guid.example.com/1</guid></item>\
            <item><guid isPermaLink="false">http://guid.example.com/2</guid></item>\
            <item><guid>http://guid.example.com/3</guid><link>http://example.com/3</link></item></channel></rss>
            """
        )
        #expect(feed.items.map(\.link) == ["http://guid.example.com/1", nil, "http://example.com/3"])
    }

    @Test func readsFullitemAndXHTMLBodyAsContent() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><item><fullitem>&lt;p&gt;Full&lt;/p&gt;</fullitem></item>\
            <item><body xmlns="http://www.w3.org/1999/xhtml">
              <p>Body</p>
            </body></item><item><body><p>Bare body</p></body></item></channel></rss>
            """
        )
        #expect(
            feed.items.map(\.contents) == [
                [FeedText(type: "html", value: "<p>Full</p>")], [FeedText(type: "xhtml", value: "<p>Body</p>")],
                [FeedText(type: "xhtml", value: "<p>Bare body</p>")],
            ]
        )
    }

    @Test func readsMediaTitleAndMediaCategories() throws {
        let feed = try parse(
            """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss"><channel><item>\
            <media:title>Clip</media:title><media:category label="Cats">cat1</media:category>\
            <media:category scheme="http://example.org/s">cat2</media:category></item></channel></rss>
            """
        )
        let item = try #require(feed.items.first)
        #expect(item.title == "Clip")
        #expect(
            item.categoryDetails == [
                FeedCategory(term: "cat1", scheme: XMLNamespace.mediaCategoryScheme, label: "Cats"),
                FeedCategory(term: "cat2", scheme: "http://example.org/s"),
            ]
        )
    }

    @Test func splitsITunesKeywordsIntoCategoriesWithoutDuplicates() throws {
        let feed = try parse(
            """
            <rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>\
            <itunes:category text="Technology"/><itunes:keywords>Technology, Gadgets,Gadgets , Radio</itunes:keywords>\
            </channel></rss>
            """
        )
        #expect(feed.categories.map(\.term) == ["Technology", "Gadgets", "Radio"])
    }

    // MARK: - Entities and document types

    @Test func keepsANoBreakSpaceOfAnUndeclaredEntityInTheStoredTitle() throws {
        let feed = try parse("<rss><channel><title>testing &nbsp; entity</title></channel></rss>")
        #expect(feed.titleDetail?.value == "testing \u{A0} entity")
        #expect(feed.title == "testing entity")
    }

    @Test func readsAnUpperCaseHexadecimalReference() throws {
        let feed = try parse("<rss><channel><title>&#X41;</title></channel></rss>")
        #expect(feed.title == "A")
    }

    @Test func readsADocumentTypeThatDeclaresEntitiesItNeverUses() throws {
        let feed = try parse(
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
            <!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://example.invalid/lat1.ent">
            %HTMLlat1;
            <!ENTITY unused "never">
            ]>
            <rss version="2.0"><channel><title>T</title></channel></rss>
            """
        )
        #expect(feed.title == "T")
        #expect(feed.wellformed)
    }

    @Test func stillRefusesADocumentThatUsesAnEntityItDeclares() {
        let xml = """
            <!DOCTYPE rss [<!ENTITY id "tag:example.com,">]>
            <rss version="2.0"><channel><item><guid>&id;2006</guid></item></channel></rss>
            """
        #expect(ParseFixture.error(parsing: Data(xml.utf8))?.code == .forbiddenEntity)
    }
}
