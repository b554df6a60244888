import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// Retention on every backend: old items and alerts are pruned by event time in small transactions, each feed keeps
/// at most its cap, and nothing that is still needed (a pending delivery, an item the topic states name) goes, nor
/// comes back as new.
@Suite("Retention: pruning old items and alerts, on every backend")
struct RetentionTests {
    static let day: TimeInterval = 86_400
    static let itemsOnly = RetentionConfiguration(items: 180 * day, alerts: nil, maxItemsPerFeed: nil)

    /// Stores one item with no alert.
    static func store(_ item: AnalyzedItem, in store: any Store) async throws -> Bool {
        try await store.ingest(item, topicStates: [], alerts: [], sinks: [])
    }

    static func keys(_ fixture: StoreFixture, feed: FeedRecord, _ keys: [String]) async throws -> Set<String> {
        try await fixture.store.existingKeys(feedID: feed.id, keys: keys.map { "id:" + $0 })
    }

    @Test(arguments: StoreBackend.tested)
    func itemsOlderThanTheRetentionGoAndTheNewestItemIsTheClock(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        for (key, age) in [("old", 200.0), ("kept", 100.0), ("new", 0.0)] {
            let at = Sample.march1 - age * Self.day
            _ = try await Self.store(Sample.item(feed: feed.reference, key: key, at: at), in: fixture.store)
        }
        let report = try await fixture.store.prune(Self.itemsOnly, batchSize: 500, pause: .zero)
        // The clock is the newest item's event time (1 March 2026), not the wall clock: the item dated 100 days
        // before it stays, however long ago that is today.
        #expect(report.clock == Sample.march1)
        #expect(report.items == 1)
        #expect(try await Self.keys(fixture, feed: feed, ["old", "kept", "new"]) == ["id:kept", "id:new"])
    }

    @Test(arguments: StoreBackend.tested)
    func aPrunedItemNeverComesBackAsNew(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let old = Sample.item(feed: feed.reference, key: "old", at: Sample.march1 - 200 * Self.day)
        _ = try await Self.store(old, in: fixture.store)
        _ = try await Self.store(Sample.item(feed: feed.reference, key: "new"), in: fixture.store)
        _ = try await fixture.store.prune(Self.itemsOnly, batchSize: 500, pause: .zero)
        #expect(try await fixture.store.itemCount() == 1)

        // The feed still lists the pruned item: it is not new, so it raises nothing and is not stored again.
        #expect(try await Self.store(old, in: fixture.store) == false)
        let neverSeenButAsOld = Sample.item(feed: feed.reference, key: "late", at: Sample.march1 - 190 * Self.day)
        #expect(try await Self.store(neverSeenButAsOld, in: fixture.store) == false)
        let fresh = Sample.item(feed: feed.reference, key: "fresh", at: Sample.march1 + 3600)
        #expect(try await Self.store(fresh, in: fixture.store))
        #expect(try await fixture.store.itemCount() == 2)
    }

    @Test(arguments: StoreBackend.tested)
    func anItemDatedInTheFutureAgesFromItsFirstSight(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        var future = Sample.item(feed: feed.reference, key: "future", at: Sample.march1 - 200 * Self.day)
        future.eventTime = Sample.march1 + 3650 * Self.day
        _ = try await Self.store(future, in: fixture.store)
        _ = try await Self.store(Sample.item(feed: feed.reference, key: "new"), in: fixture.store)
        let report = try await fixture.store.prune(Self.itemsOnly, batchSize: 500, pause: .zero)
        #expect(report.clock == Sample.march1 + Self.day, "a date ten years ahead moves the clock one day at most")
        #expect(try await Self.keys(fixture, feed: feed, ["future", "new"]) == ["id:new"])
    }

    @Test(arguments: StoreBackend.tested)
    func itemsTheTopicStatesStillNameAreKeptWhateverTheirAge(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let old = Sample.march1 - 300 * Self.day
        var state = TopicState(topicID: "ceasefire")
        state.stories = [
            StoryState(id: "id:story", title: nil, firstAt: old, lastAt: old, itemCount: 1, shingles: [])
        ]
        state.pending = [
            PendingStatus(
                status: "agreed",
                reports: [
                    PendingStatus.Report(
                        feedID: feed.id,
                        outlet: "A",
                        storyID: "id:story",
                        dedupeKey: "id:report",
                        contentHash: "hash-report",
                        at: old
                    )
                ]
            )
        ]
        for key in ["story", "report", "plain"] {
            _ = try await Self.store(Sample.item(feed: feed.reference, key: key, at: old), in: fixture.store)
        }
        _ = try await fixture.store.ingest(
            Sample.item(feed: feed.reference, key: "new"),
            topicStates: [state],
            alerts: [],
            sinks: []
        )
        let report = try await fixture.store.prune(Self.itemsOnly, batchSize: 1, pause: .zero)
        #expect(report.items == 1)
        #expect(
            try await Self.keys(fixture, feed: feed, ["story", "report", "plain", "new"])
                == ["id:story", "id:report", "id:new"]
        )
    }

    @Test(arguments: StoreBackend.tested)
    func oldAlertsGoWithTheirDeliveriesButNeverWhileADeliveryIsPending(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let old = Sample.march1 - 400 * Self.day
        for (key, id) in [("a", "delivered"), ("b", "pending"), ("c", "dead")] {
            _ = try await store.ingest(
                Sample.item(feed: feed.reference, key: key, at: old),
                topicStates: [],
                alerts: [Sample.alert(id: id, at: old)],
                sinks: ["log"]
            )
        }
        _ = try await store.ingest(
            Sample.item(feed: feed.reference, key: "new"),
            topicStates: [],
            alerts: [Sample.alert(id: "recent")],
            sinks: ["log"]
        )
        try await store.markDelivered(alertIDs: ["delivered", "recent"], sink: "log", at: Sample.march1)
        try await store.markFailed(alertIDs: ["dead"], sink: "log", error: "gone", retryAt: nil)

        let retention = RetentionConfiguration(items: nil, alerts: 365 * Self.day, maxItemsPerFeed: nil)
        let report = try await store.prune(retention, batchSize: 500, pause: .zero)
        #expect(report.alerts == 2)
        #expect(Set(try await store.alerts(limit: 10).map(\.id)) == ["pending", "recent"])
        #expect(try await store.deliveryStates(sink: "log") == ["pending": .pending, "recent": .delivered])
        #expect(try await store.itemCount() == 4, "items follow their own retention")
    }

    @Test(arguments: StoreBackend.tested)
    func aFeedKeepsItsNewestItemsUpToItsCapAndForgetsTheRest(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let noisy = try await fixture.makeFeed()
        let quiet = try await fixture.makeFeed("https://b.example/feed.xml", name: "B")
        // A feed that invents new ids on every poll: ten "new" items, all within the last hour.
        for index in 0..<10 {
            let item = Sample.item(feed: noisy.reference, key: "n\(index)", at: Sample.march1 + Double(index) * 60)
            _ = try await Self.store(item, in: fixture.store)
        }
        for index in 0..<2 {
            _ = try await Self.store(Sample.item(feed: quiet.reference, key: "q\(index)"), in: fixture.store)
        }
        let retention = RetentionConfiguration(items: 180 * Self.day, alerts: nil, maxItemsPerFeed: 3)
        let report = try await fixture.store.prune(retention, batchSize: 2, pause: .zero)
        #expect(report.cappedItems == 7)
        #expect(report.items == 0)
        let noisyKeys = (0..<10).map { "n\($0)" }
        #expect(try await Self.keys(fixture, feed: noisy, noisyKeys) == ["id:n7", "id:n8", "id:n9"])
        #expect(try await Self.keys(fixture, feed: quiet, ["q0", "q1"]).count == 2)

        let reinvented = Sample.item(feed: noisy.reference, key: "n0", at: Sample.march1)
        #expect(try await Self.store(reinvented, in: fixture.store) == false, "a capped item does not come back")
        let next = Sample.item(feed: noisy.reference, key: "n10", at: Sample.march1 + 600)
        #expect(try await Self.store(next, in: fixture.store))
    }

    @Test(arguments: StoreBackend.tested)
    func pruningGoesInSmallTransactionsSoAnIngestIsNotHeldUntilItEnds(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let old = Sample.march1 - 200 * Self.day
        let items = (0..<200).map { Sample.item(feed: feed.reference, key: "old\($0)", at: old) }
        _ = try await fixture.store.ingest(items, sinks: []) { _, _ in ([], []) }
        _ = try await Self.store(Sample.item(feed: feed.reference, key: "new"), in: fixture.store)

        let store = fixture.store
        let pruning = Task {
            let report = try await store.prune(Self.itemsOnly, batchSize: 5, pause: .milliseconds(10))
            return (report, ContinuousClock.now)
        }
        while try await store.itemCount() == 201 { try await Task.sleep(for: .milliseconds(5)) }
        let fresh = Sample.item(feed: feed.reference, key: "fresh", at: Sample.march1 + 60)
        #expect(try await Self.store(fresh, in: store))
        let ingested = ContinuousClock.now
        let (report, pruned) = try await pruning.value
        #expect(report.items == 200)
        #expect(ingested < pruned, "the ingest committed between two pruning batches")
        #expect(try await store.itemCount() == 2)
    }

    @Test(arguments: StoreBackend.tested)
    func nothingIsPrunedWhenRetentionIsOff(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        _ = try await Self.store(
            Sample.item(feed: feed.reference, key: "ancient", at: Sample.march1 - 3000 * Self.day),
            in: fixture.store
        )
        _ = try await Self.store(Sample.item(feed: feed.reference, key: "new"), in: fixture.store)
        let report = try await fixture.store.prune(.off, batchSize: 500, pause: .zero)
        #expect(report.isEmpty)
        #expect(try await fixture.store.itemCount() == 2)
    }
}
