import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

@Suite("FeedParser: Atom")
struct FeedParserAtomTests {
    private let feedURL = "https://peace.example.com/feeds/atom.xml"

    private func entries() throws -> [FeedItem] {
        try ParseFixture.parse("atom-ceasefire.xml", url: feedURL).items
    }

    @Test func readsFeedHTMLTitleAndAlternateLink() throws {
        let feed = try ParseFixture.parse("atom-ceasefire.xml", url: feedURL)
        #expect(feed.format == .atom)
        #expect(feed.title == "Peace Desk Live")
        #expect(feed.link == "https://peace.example.com/")
        #expect(feed.items.count == 3)
    }

    @Test func reducesXHTMLTitleToText() throws {
        #expect(try entries()[0].title == "Talks stall over border map")
    }

    @Test func reducesHTMLTitleToText() throws {
        #expect(try entries()[1].title == "Envoys & observers return")
    }

    @Test func keepsMarkupLiterallyInTextConstructs() throws {
        #expect(try entries()[1].summary == "Plain text, with <tags> kept literally.")
    }

    @Test func prefersTheAlternateLink() throws {
        #expect(try entries()[0].link == "https://peace.example.com/2025/06/talks-stall")
    }

    @Test func resolvesRelativeLinkAgainstFeedURL() throws {
        #expect(try entries()[1].link == "https://peace.example.com/feeds/2025/06/envoys-return")
    }

    @Test func resolvesRelativeLinkAgainstXMLBase() throws {
        #expect(try entries()[2].link == "https://mirror.example.com/archive/observers-arrive")
    }

    @Test func readsEntryFields() throws {
        let entry = try entries()[0]
        #expect(entry.id == "tag:peace.example.com,2025:entry-7")
        #expect(entry.published == Date(timeIntervalSince1970: 1_749_196_800))
        #expect(entry.updated == Date(timeIntervalSince1970: 1_749_209_400.25))
        #expect(entry.summary == "Mapmakers disagree on two valleys.")
        #expect(entry.content == "Talks paused at noon. They resume tomorrow.")
        #expect(entry.authors == ["Sami Haddad"])
        #expect(entry.categories == ["borders", "mediation"])
    }

    @Test func keepsPublishedNilWhenOnlyUpdatedIsGiven() throws {
        let entry = try entries()[1]
        #expect(entry.published == nil)
        #expect(entry.updated == Date(timeIntervalSince1970: 1_749_283_200))
    }
}
