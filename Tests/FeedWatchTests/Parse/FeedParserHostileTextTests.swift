import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

/// Control characters never leave the parser, and no base or link outside http, https and mailto does (issue 19,
/// items 3 and 5).
@Suite("FeedParser: control characters and link schemes")
struct FeedParserHostileTextTests {
    private func parse(_ text: String, url: String? = "https://news.example.org/feed") throws -> ParsedFeed {
        try FeedParser().parse(Data(text.utf8), url: url)
    }

    @Test func stripsNULAndOtherC0ControlsFromEveryJSONFeedString() throws {
        let feed = try parse(
            #"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "Feed\u0000 title", "items": [
              {"id": "a\u0000b\u0007", "url": "https://example.org/x\u0000y", "title": "T\u0001i\u001ftle",
               "content_text": "line\r\nbreak\ttab\rend", "tags": ["t\u0000ag"], "authors": [{"name": "J\u0000o"}]}]}
            """#
        )
        let item = try #require(feed.items.first)
        #expect(feed.title == "Feed title")
        #expect(item.id == "ab")
        #expect(item.link == "https://example.org/xy")
        #expect(item.title == "Title")
        #expect(item.categories == ["tag"])
        #expect(item.authorDetails.first?.name == "Jo")
        #expect(item.contents.first?.value.contains("line\nbreak\ttab\nend") == true)
    }

    @Test func stripsControlsDecodedFromEscapedHTML() throws {
        let feed = try parse(
            "<rss><channel><item><description>a&amp;#1;b&amp;#0;c</description></item></channel></rss>"
        )
        let summary = try #require(feed.items.first?.summaryDetail?.value)
        #expect(!summary.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func stripsControlsFromBase64Content() throws {
        // "a\u{0}b\u{7}c" in base64.
        let feed = try parse(
            """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>\
            <content type="text/plain" mode="base64">YQBiB2M=</content></entry></feed>
            """
        )
        let value = try #require(feed.items.first?.contents.first?.value)
        #expect(!value.unicodeScalars.contains { $0.value < 0x20 })
        #expect(value.filter { $0 != " " } == "abc")
    }

    @Test func stripsControlsFromADocumentReadInRecoveryMode() throws {
        let feed = try parse("<rss><channel><item><title>a\u{1}b\u{1F}c</title><description>x</item></channel></rss>")
        #expect(!feed.wellformed)
        #expect(feed.items.first?.title == "abc")
    }

    @Test func cleansIdentifiersAndAttributesThatReferenceControls() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><item><guid isPermaLink="false">a&#13;b&#x85;c</guid>\
            <enclosure url="https://example.org/a&#150;b.mp3"/><author>Jo&#x9F;</author></item></channel></rss>
            """
        )
        let item = try #require(feed.items.first)
        #expect(item.id == "a\nb\u{2026}c")
        #expect(item.enclosures.first?.url == "https://example.org/a\u{2013}b.mp3")
        #expect(item.authors == ["Jo\u{178}"])
    }

    @Test func readsC1ControlsAsTheirWindows1252Characters() throws {
        let feed = try parse(
            "<rss><channel><item><title>don&#146;t</title><description>&#147;quoted&#148;</description></item>"
                + "</channel></rss>"
        )
        #expect(feed.items.first?.title == "don\u{2019}t")
        #expect(feed.items.first?.summary == "\u{201C}quoted\u{201D}")
    }

    @Test(arguments: ["javascript:alert(1)//", "data:text/html,x", "file:///etc/"])
    func ignoresAnXMLBaseThatIsNotHTTP(base: String) throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="\(base)"><entry><link href="story/1"/>\
            <content type="html">&lt;a href="more"&gt;more&lt;/a&gt;</content></entry></feed>
            """
        )
        let item = try #require(feed.items.first)
        #expect(item.link == "https://news.example.org/story/1")
        #expect(item.contents.first?.value == "<a href=\"https://news.example.org/more\">more</a>")
    }

    @Test func ignoresAJSONFeedURLThatIsNotHTTP() throws {
        let feed = try parse(
            #"""
            {"version": "https://jsonfeed.org/version/1.1", "feed_url": "javascript:alert(1)//",
             "items": [{"id": "1", "url": "story/1", "content_html": "<a href=\"more\">m</a>"}]}
            """#
        )
        let item = try #require(feed.items.first)
        #expect(item.link == "https://news.example.org/story/1")
        #expect(item.contents.first?.value == "<a href=\"https://news.example.org/more\">m</a>")
    }

    @Test func keepsOnlyHTTPHTTPSAndMailtoLinks() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><link>ftp://example.org/</link>\
            <item><link>javascript:alert(1)</link><enclosure url="file:///etc/passwd" type="text/plain"/></item>\
            <item><link>mailto:desk@example.org</link><enclosure url="https://example.org/a.mp3"/></item>\
            </channel></rss>
            """
        )
        #expect(feed.link == nil)
        #expect(feed.items.map(\.link) == [nil, "mailto:desk@example.org"])
        #expect(feed.items.map(\.enclosures.count) == [0, 1])
    }

    @Test func dropsHTMLLinksOutsideTheAllowList() throws {
        let feed = try parse(
            """
            <rss><channel><item><description>&lt;a href="ftp://x.example/f"&gt;f&lt;/a&gt;\
            &lt;a href="tel:+15550100"&gt;t&lt;/a&gt;&lt;a href="https://x.example/"&gt;h&lt;/a&gt;\
            &lt;a href="path:with/colon"&gt;r&lt;/a&gt;</description></item></channel></rss>
            """
        )
        #expect(
            feed.items.first?.summaryDetail?.value
                == "<a>f</a><a>t</a><a href=\"https://x.example/\">h</a><a>r</a>"
        )
    }
}
