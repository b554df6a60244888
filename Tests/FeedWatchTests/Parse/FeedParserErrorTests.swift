import Foundation
import Testing

@testable import FeedWatchParse

@Suite("FeedParser: errors")
struct FeedParserErrorTests {
    /// A root start tag that never closes leaves nothing to recover.
    static let unrecoverable = Data("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"\n  <channel><title>x".utf8)

    @Test func reportsUnrecoverableXMLWithItsLine() throws {
        let error = try #require(ParseFixture.error(parsing: Self.unrecoverable))
        #expect(error.code == .malformedXML)
        #expect(error.line == 3)
        #expect(error.message.contains("attributes construct error") || error.message.contains("Start Tag"))
    }

    @Test func recoversItemsOfAnUnclosedItemAndReportsNotWellFormed() throws {
        let feed = try ParseFixture.parse("malformed.xml")
        #expect(feed.wellformed == false)
        #expect(feed.title == "Broken feed")
        #expect(feed.items.map(\.title) == ["Truce holds for a second night"])
    }

    @Test func reportsHTMLPageAsUnknownFormat() throws {
        let error = ParseFixture.error(parsing: try ParseFixture.data("not-a-feed.html"))
        #expect(error?.code == .unknownFormat)
    }

    @Test func reportsWellFormedForeignRootAsUnknownFormat() {
        let error = ParseFixture.error(parsing: Data("<?xml version=\"1.0\"?><html><body/></html>".utf8))
        #expect(error?.code == .unknownFormat)
    }

    @Test(arguments: ["", "   \n\t  ", "\u{FEFF}\n"])
    func reportsBlankDocumentAsEmpty(text: String) {
        #expect(ParseFixture.error(parsing: Data(text.utf8))?.code == .empty)
    }

    @Test func describesErrorWithURLLocationAndAdvice() {
        let error = ParseError(
            .malformedXML,
            url: "https://x.example/feed.xml",
            line: 12,
            column: 5,
            message: "Opening and ending tag mismatch: item and channel"
        )
        #expect(
            error.description == "feed https://x.example/feed.xml: malformed XML at line 12, column 5: "
                + "Opening and ending tag mismatch: item and channel. The server sent a document that is not "
                + "well-formed XML; check the feed in a browser or tell its publisher."
        )
    }

    @Test func describesParsedErrorWithURLAndLine() throws {
        let url = "https://news.example.org/broken.xml"
        let error = try #require(ParseFixture.error(parsing: Self.unrecoverable, url: url))
        #expect(error.description.hasPrefix("feed \(url): malformed XML at line 3"))
        #expect(error.description.contains("tell its publisher"))
    }

    @Test func namesCodesForLogs() {
        #expect(ParseError.Code.forbiddenEntity.description == "forbiddenEntity")
        #expect(ParseError.Code.tooDeep != ParseError.Code.tooLarge)
    }
}
