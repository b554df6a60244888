import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// A fresh SQLite store with one feed, whose alerts a test queues for a sink: the delivery tests' outbox.
struct OutboxFixture {
    private let directory: TemporaryDirectory
    let store: SQLiteStore
    let feed: FeedReference

    init() async throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        let record = try #require(
            try await store.syncFeeds([FeedConfiguration(url: "https://a.example/f")], now: Date()).first
        )
        feed = record.reference
    }

    /// Stores one item and one alert per id, a minute apart from `Sample.march1`, each pending for `sink`.
    func queue(_ ids: [String], sink: String) async throws {
        for (offset, id) in ids.enumerated() {
            let time = Sample.march1.addingTimeInterval(Double(offset) * 60)
            try await store.ingest(
                Sample.item(feed: feed, key: id, at: time),
                topicStates: [],
                alerts: [Sample.alert(id: id, at: time)],
                sinks: [sink]
            )
        }
    }
}
