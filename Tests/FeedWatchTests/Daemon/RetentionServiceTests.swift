import Foundation
import Logging
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchStore

/// The retention loop the daemon runs: it prunes in the background on its schedule and stops when the task does.
@Suite("Retention service")
struct RetentionServiceTests {
    @Test func theServicePrunesOnItsScheduleAndStopsWhenCancelled() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        let feed = try #require(
            try await store.syncFeeds([FeedConfiguration(url: "https://a.example/feed.xml")], now: Sample.march1).first
        )
        let old = Sample.march1 - 400 * 86_400
        _ = try await store.ingest(
            Sample.item(feed: feed.reference, key: "old", at: old),
            topicStates: [],
            alerts: [],
            sinks: []
        )
        _ = try await store.ingest(
            Sample.item(feed: feed.reference, key: "new"),
            topicStates: [],
            alerts: [],
            sinks: []
        )
        let service = RetentionService(
            store: store,
            retention: RetentionConfiguration(),
            logger: Logger(label: "test"),
            instance: "test",
            firstDelay: .milliseconds(10),
            interval: .seconds(3600)
        )
        let running = Task { try await service.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while try await store.itemCount() == 2 {
            try #require(ContinuousClock.now < deadline, "the first round never pruned")
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await store.existingKeys(feedID: feed.id, keys: ["id:old", "id:new"]) == ["id:new"])
        running.cancel()
        try await running.value
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func onASharedStoreOneInstanceAtATimePrunes() async throws {
        let fixture = try await StoreFixture(.postgres)
        let store = fixture.store
        func service(_ instance: String) -> RetentionService {
            RetentionService(
                store: store,
                retention: RetentionConfiguration(),
                logger: Logger(label: "test"),
                instance: instance
            )
        }
        #expect(try await service("a").pruneOnce().isEmpty, "an empty store: nothing to prune, but a holds the lease")
        let feed = try await fixture.makeFeed()
        for (key, at) in [("old", Sample.march1 - 400 * 86_400), ("new", Sample.march1)] {
            _ = try await store.ingest(
                Sample.item(feed: feed.reference, key: key, at: at),
                topicStates: [],
                alerts: [],
                sinks: []
            )
        }
        #expect(try await service("b").pruneOnce().isEmpty, "instance a holds the pruner's lease")
        #expect(try await store.itemCount() == 2)
        #expect(try await service("a").pruneOnce().items == 1)
    }
}
