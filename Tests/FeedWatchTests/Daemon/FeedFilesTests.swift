import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchParse
@testable import FeedWatchStore

/// Reading feed files for `feedwatch analyze` and `feedwatch replay`.
@Suite("Feed files: each file one feed, its items in document order")
struct FeedFilesTests {
    @Test func eachFileIsAFeedNumberedFromOneAndNamedByItsTitle() throws {
        let first = time(8)
        let items = try FeedFiles.read(
            [Fixture.path("feeds/rss2-ceasefire.xml"), Fixture.path("feeds/atom-ceasefire.xml")],
            firstSeen: first
        )
        let feeds = Dictionary(grouping: items, by: \.feed.id)
        #expect(feeds.keys.sorted() == [1, 2])
        #expect(feeds[1]?.first?.feed.url.hasSuffix("rss2-ceasefire.xml") == true)
        #expect(feeds[1]?.first?.feed.name?.isEmpty == false)
        #expect(items.allSatisfy { $0.firstSeen == first })
    }

    @Test func aFileThatIsNotAFeedIsAParseError() {
        #expect(throws: ParseError.self) {
            try FeedFiles.read([Fixture.path("feeds/not-a-feed.html")], firstSeen: time(8))
        }
    }

    private func time(_ hour: Double) -> Date { Date(timeIntervalSince1970: 1_772_352_000 + hour * 3600) }
}
