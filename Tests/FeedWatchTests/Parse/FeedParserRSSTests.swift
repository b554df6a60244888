import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

@Suite("FeedParser: RSS 2.0")
struct FeedParserRSSTests {
    private func firstItem() throws -> FeedItem {
        try #require(ParseFixture.parse("rss2-ceasefire.xml").items.first)
    }

    @Test func recognisesRSSAndReadsChannelTitleAndLink() throws {
        let feed = try ParseFixture.parse("rss2-ceasefire.xml")
        #expect(feed.format == .rss)
        #expect(feed.title == "Harbour Town Gazette \u{2013} World")
        #expect(feed.link == "https://news.example.org/world/")
        #expect(feed.items.count == 2)
    }

    @Test func readsTheChannelTTLInSeconds() throws {
        let document = """
            <rss version="2.0"><channel><title>T</title><ttl>45</ttl>
            <item><title>a</title><guid>a</guid></item></channel></rss>
            """
        let feed = try FeedParser().parse(Data(document.utf8), url: nil)
        #expect(feed.ttl == TimeInterval(2700))
        #expect(try ParseFixture.parse("rss2-ceasefire.xml").ttl == nil)
    }

    @Test func readsEveryFieldOfAFullItem() throws {
        let item = try firstItem()
        #expect(item.id == "gazette-2025-0603-valdoria")
        #expect(item.title == "Ceasefire talks resume in Valdoria & envoys sound hopeful")
        #expect(item.link == "https://news.example.org/world/valdoria-talks-resume")
        #expect(item.published == Date(timeIntervalSince1970: 1_748_959_500))
        #expect(item.updated == Date(timeIntervalSince1970: 1_748_968_200))
        #expect(item.authors == ["Ines Okafor", "Tomas Brandt"])
        #expect(item.categories == ["World", "Diplomacy"])
    }

    @Test func reducesCDATAHTMLDescriptionToTextDroppingScripts() throws {
        let item = try firstItem()
        #expect(item.summary == "Negotiators met for a third day. A draft text is expected \u{2014} perhaps by Friday.")
    }

    @Test func readsContentEncodedByNamespace() throws {
        let item = try firstItem()
        #expect(
            item.content == "Day three Delegations from both sides sat at one table for six hours. "
                + "Prisoner exchange Aid corridors"
        )
    }

    @Test func leavesIDNilWhenGuidIsMissing() throws {
        let item = try #require(ParseFixture.parse("rss2-ceasefire.xml").items.last)
        #expect(item.id == nil)
        #expect(item.authors.isEmpty)
        #expect(item.content == nil)
    }

    @Test func resolvesRelativeLinkAgainstFeedURL() throws {
        let item = try #require(ParseFixture.parse("rss2-ceasefire.xml").items.last)
        #expect(item.link == "https://news.example.org/world/aid-convoy-waits")
    }

    @Test func fallsBackToDublinCoreDateForPublished() throws {
        let item = try #require(ParseFixture.parse("rss2-ceasefire.xml").items.last)
        #expect(item.published == Date(timeIntervalSince1970: 1_749_016_800))
    }

    @Test func decodesEntitiesAndCDATAInTitles() throws {
        let xml = """
            <rss version="2.0"><channel><item>
            <title><![CDATA[Truce &amp; <i>hope</i>]]></title>
            <description>Talks &#x2014; day&#160;four &lt;br&gt;ended</description>
            </item></channel></rss>
            """
        let item = try #require(FeedParser().parse(Data(xml.utf8), url: nil).items.first)
        #expect(item.title == "Truce & hope")
        #expect(item.summary == "Talks \u{2014} day four ended")
    }

    @Test func keepsGuidVerbatim() throws {
        let xml = """
            <rss version="2.0"><channel><item>
            <guid isPermaLink="true">https://news.example.org/?p=12&amp;lang=EN</guid>
            </item></channel></rss>
            """
        let item = try #require(FeedParser().parse(Data(xml.utf8), url: nil).items.first)
        #expect(item.id == "https://news.example.org/?p=12&lang=EN")
    }

    @Test func turnsEmptyElementsIntoNil() throws {
        let xml = "<rss><channel><title> </title><item><title/><description></description></item></channel></rss>"
        let feed = try FeedParser().parse(Data(xml.utf8), url: nil)
        #expect(feed.title == nil)
        #expect(feed.items == [FeedItem()])
    }

    @Test func acceptsUndeclaredHTMLEntitiesLikeBrowsersDo() throws {
        let xml =
            "<rss><channel><item><title>Truce&nbsp;holds &eacute;t&eacute; &amp; beyond</title></item>"
            + "</channel></rss>"
        let item = try #require(FeedParser().parse(Data(xml.utf8), url: nil).items.first)
        #expect(item.title == "Truce holds \u{E9}t\u{E9} & beyond")
    }

    @Test func keepsAnUnknownUndeclaredEntityAsTextAndFlagsTheFeed() throws {
        let xml = "<rss><channel><title>testing &madeup; entity</title></channel></rss>"
        let feed = try FeedParser().parse(Data(xml.utf8), url: nil)
        #expect(feed.title == "testing &madeup; entity")
        #expect(!feed.wellformed)
    }

    @Test func toleratesWhitespaceBeforeXMLDeclaration() throws {
        let xml = "\n  <?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss><channel><title>Talks</title></channel></rss>"
        #expect(try FeedParser().parse(Data(xml.utf8), url: nil).title == "Talks")
    }
}

@Suite("FeedParser: RSS 0.91")
struct FeedParserRSS091Tests {
    @Test func acceptsHTMLEntitiesUnderTheNetscapeDoctype() throws {
        let xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
              "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Caf&eacute; diplomacy</title>
            <item><title>Envoys meet&nbsp;again</title><link>http://old.example.com/1</link></item>
            </channel></rss>
            """
        let feed = try FeedParser().parse(Data(xml.utf8), url: nil)
        #expect(feed.title == "Caf\u{E9} diplomacy")
        #expect(feed.items.first?.title == "Envoys meet again")
    }

    @Test func rejectsUnknownEntityUnderAnExternalDoctype() {
        let xml = "<!DOCTYPE rss SYSTEM \"file:///etc/passwd\"><rss><channel><title>&passwd;</title></channel></rss>"
        #expect(ParseFixture.error(parsing: Data(xml.utf8))?.code == .forbiddenEntity)
    }
}
