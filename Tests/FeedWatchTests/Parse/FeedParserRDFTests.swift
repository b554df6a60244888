import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

@Suite("FeedParser: RSS 1.0 (RDF)")
struct FeedParserRDFTests {
    @Test func readsChannelAndSiblingItems() throws {
        let feed = try ParseFixture.parse("rdf-ceasefire.xml")
        #expect(feed.format == .rdf)
        #expect(feed.title == "Example Wire: Ceasefire Monitor")
        #expect(feed.link == "https://wire.example.net/")
        #expect(feed.items.count == 1)
    }

    @Test func readsItemFieldsByNamespaceWhateverThePrefix() throws {
        let item = try #require(ParseFixture.parse("rdf-ceasefire.xml").items.first)
        #expect(item.id == "https://wire.example.net/monitor/41")
        #expect(item.title == "Mediators propose a 30-day truce")
        #expect(item.link == "https://wire.example.net/monitor/41")
        #expect(item.summary == "The proposal would freeze front lines while a joint commission meets.")
        #expect(item.content == "Both delegations asked for time to consult.")
        #expect(item.published == Date(timeIntervalSince1970: 1_749_114_930))
        #expect(item.authors == ["Lena Vasquez"])
        #expect(item.categories == ["Truce"])
    }
}
