import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

/// Documents that are not well-formed: feedwatch saves what libxml2's recovery can, and says so.
@Suite("FeedParser: ill-formed input")
struct FeedParserRecoveryTests {
    private func parse(_ text: String) throws -> ParsedFeed {
        try FeedParser().parse(Data(text.utf8), url: "https://broken.example/feed")
    }

    @Test func recoversUnclosedTags() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>Open</title><item><title>One<item><title>Two</title></item></channel></rss>"
        )
        #expect(feed.wellformed == false)
        #expect(feed.title == "Open")
        #expect(!feed.items.isEmpty)
    }

    @Test func decodesUndeclaredHTMLEntities() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>A&nbsp;B &eacute;t&eacute;</title></channel></rss>")
        #expect(feed.title == "A B été")
        #expect(feed.wellformed == false)
    }

    @Test func keepsAStrayAmpersand() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>Fish & Chips &amp; more</title></channel></rss>")
        #expect(feed.title == "Fish & Chips & more")
        #expect(feed.wellformed == false)
    }

    @Test func keepsTheItemsOfATruncatedDocument() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>Cut</title><item><title>Whole</title></item><item><title>Half"
        )
        #expect(feed.wellformed == false)
        #expect(feed.items.first?.title == "Whole")
    }

    @Test func reportsWellFormedDocumentsAsSuch() throws {
        #expect(try parse("<rss version=\"2.0\"><channel><title>Fine</title></channel></rss>").wellformed)
    }

    @Test func finishesQuicklyOnDeeplyBrokenMarkup() throws {
        let text =
            "<rss version=\"2.0\"><channel><title>x</title>" + String(repeating: "<item><title>&<b", count: 20_000)
        let clock = ContinuousClock()
        let start = clock.now
        _ = try? parse(text)
        #expect(clock.now - start < .seconds(20))
    }
}
