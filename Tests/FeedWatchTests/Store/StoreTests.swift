import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// The ``Store`` contract, run against every backend: SQLite always, PostgreSQL when a test server was started
/// (`make test-postgres`, CI).
@Suite("Store: feeds, items, topic state and the outbox, on every backend")
struct StoreTests {
    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func thePostgresTestServerAnswersWithPasswordLogin() async throws {
        let fixture = try await StoreFixture(.postgres)
        try await fixture.store.checkHealth()
        #expect(StoreBackend.postgresPassword?.isEmpty == false)
    }

    @Test(arguments: StoreBackend.tested)
    func newFeedsAreDueAtOnce(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        #expect(feed.nextPollAt == Sample.march1)
        #expect(feed.lastSuccessAt == nil)
        #expect(feed.name == "A")
    }

    @Test(arguments: StoreBackend.tested)
    func syncingAgainKeepsAFeedsStateAndUpdatesItsName(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        var polled = feed
        polled.validators = ConditionalRequest(etag: "\"v1\"", lastModified: "Sun, 01 Mar 2026 08:00:00 GMT")
        polled.lastStatus = 304
        polled.lastPolledAt = Sample.march1
        polled.lastSuccessAt = Sample.march1
        polled.nextPollAt = Sample.march1.addingTimeInterval(900)
        try await store.recordPoll(polled, alerts: [], sinks: ["log"])
        let again = try await store.syncFeeds([FeedConfiguration(url: feed.url, name: "A renamed")], now: Date())
        #expect(again.count == 1)
        #expect(again[0].id == feed.id)
        #expect(again[0].name == "A renamed")
        #expect(again[0].validators.etag == "\"v1\"")
        #expect(again[0].validators.lastModified == "Sun, 01 Mar 2026 08:00:00 GMT")
        #expect(again[0].nextPollAt == Sample.march1.addingTimeInterval(900))
    }

    @Test(arguments: StoreBackend.tested)
    func ingestWritesItemTopicStateAlertAndDeliveriesTogether(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let state = TopicState(topicID: "ceasefire", status: "proposed", statusAt: Sample.march1)
        let inserted = try await store.ingest(
            Sample.item(feed: feed.reference, key: "a1"),
            topicStates: [state],
            alerts: [Sample.alert(id: "alert-1")],
            sinks: ["log", "webhook"]
        )
        #expect(inserted)
        #expect(try await store.itemCount() == 1)
        #expect(try await store.topicStates()["ceasefire"] == state)
        #expect(try await store.alerts(limit: 10).map(\.id) == ["alert-1"])
        #expect(try await store.deliveryStates(sink: "log") == ["alert-1": .pending])
        #expect(try await store.deliveryStates(sink: "webhook") == ["alert-1": .pending])
    }

    @Test(arguments: StoreBackend.tested)
    func anItemTheDatabaseRefusesFailsItsWholeBatchWithTheDatabasesReason(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let unknownFeed = FeedReference(id: feed.id + 1_000, url: "https://gone.example/feed", name: "Gone")
        var topics = TopicStateReplica()
        let error = await #expect(throws: StoreError.self) {
            try await store.ingest(
                [Sample.item(feed: feed.reference, key: "ok"), Sample.item(feed: unknownFeed, key: "orphan")],
                sinks: ["log"],
                topics: &topics
            ) { _, _, _ in ([], []) }
        }
        #expect(error?.description.lowercased().contains("foreign key") == true, "\(String(describing: error))")
        #expect(try await store.itemCount() == 0, "the batch is one transaction: the good item is not kept either")
    }

    @Test(arguments: StoreBackend.tested)
    func ingestHandsTheDeciderTheTopicStatesAnotherWriterCommittedSince(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        var mine = TopicStateReplica()
        let proposed = TopicState(topicID: "ceasefire", status: "proposed", statusAt: Sample.march1)
        try await store.ingest([Sample.item(feed: feed.reference, key: "a1")], sinks: ["log"], topics: &mine) {
            _,
            _,
            states in
            states["ceasefire"] = proposed
            return ([proposed], [])
        }
        let rejected = TopicState(topicID: "ceasefire", status: "rejected", statusAt: Sample.march1 + 3600)
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "a2"),
            topicStates: [rejected],
            alerts: [],
            sinks: []
        )
        let seen = Recorded<TopicState?>()
        try await store.ingest([Sample.item(feed: feed.reference, key: "a3")], sinks: ["log"], topics: &mine) {
            _,
            _,
            states in
            seen.append(states["ceasefire"])
            return ([], [])
        }
        #expect(seen.all == [rejected], "the other writer's state, read again inside the transaction")
        #expect(mine.states["ceasefire"] == rejected)
    }

    @Test(arguments: StoreBackend.tested)
    func storedAlertsRoundTripExactly(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let alert = Sample.alert(id: "alert-rt")
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "rt"),
            topicStates: [],
            alerts: [alert],
            sinks: ["log"]
        )
        #expect(try await store.alerts(limit: 1) == [alert])
    }

    @Test(arguments: StoreBackend.tested)
    func ingestingAKnownItemWritesNothing(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "a1"),
            topicStates: [],
            alerts: [],
            sinks: ["log"]
        )
        let again = try await store.ingest(
            Sample.item(feed: feed.reference, key: "a1"),
            topicStates: [TopicState(topicID: "ceasefire", status: "rejected")],
            alerts: [Sample.alert(id: "alert-2")],
            sinks: ["log"]
        )
        #expect(!again)
        #expect(try await store.itemCount() == 1)
        #expect(try await store.alerts(limit: 10).isEmpty)
        #expect(try await store.topicStates().isEmpty)
    }

    @Test(arguments: StoreBackend.tested)
    func existingKeysAreFoundPerFeed(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        try await store.ingest(Sample.item(feed: feed.reference, key: "a1"), topicStates: [], alerts: [], sinks: [])
        #expect(try await store.existingKeys(feedID: feed.id, keys: ["id:a1", "id:a2"]) == ["id:a1"])
        #expect(try await store.existingKeys(feedID: feed.id + 1, keys: ["id:a1"]).isEmpty)
    }

    @Test(arguments: StoreBackend.tested)
    func copiesInOtherFeedsAreRecognisedByKeyOrContentHash(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let other = try await fixture.makeFeed("https://b.example/feed.xml", name: nil)
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "wire-1", hash: "h1"),
            topicStates: [],
            alerts: [],
            sinks: []
        )
        #expect(try await store.isKnownElsewhere(feedID: other.id, dedupeKey: "id:wire-1", contentHash: "zzz"))
        #expect(try await store.isKnownElsewhere(feedID: other.id, dedupeKey: "id:other", contentHash: "h1"))
        #expect(try await !store.isKnownElsewhere(feedID: other.id, dedupeKey: "id:other", contentHash: "h2"))
        #expect(try await !store.isKnownElsewhere(feedID: feed.id, dedupeKey: "id:wire-1", contentHash: "h1"))
        #expect(try await !store.isKnownElsewhere(feedID: other.id, dedupeKey: nil, contentHash: "h2"))
    }

    @Test(arguments: StoreBackend.tested)
    func pendingDeliveriesComeInEventTimeOrder(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let later = Sample.alert(id: "later", at: Sample.march1.addingTimeInterval(3600))
        let earlier = Sample.alert(id: "earlier", at: Sample.march1)
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [later],
            sinks: ["log"]
        )
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "x2"),
            topicStates: [],
            alerts: [earlier],
            sinks: ["log"]
        )
        let pending = try await store.pendingDeliveries(sink: "log", limit: 10)
        #expect(pending.map(\.alert.id) == ["earlier", "later"])
    }

    @Test(arguments: StoreBackend.tested)
    func failedDeliveryWaitsForItsRetryTimeAndDeadOnesStop(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [Sample.alert(id: "a"), Sample.alert(id: "b")],
            sinks: ["webhook"]
        )
        let now = Date()
        let retryAt = now.addingTimeInterval(60)
        try await store.markFailed(alertIDs: ["a"], sink: "webhook", error: "HTTP 503", retryAt: retryAt)
        try await store.markFailed(alertIDs: ["b"], sink: "webhook", error: "HTTP 400", retryAt: nil)
        let pending = try await store.pendingDeliveries(sink: "webhook", limit: 10)
        #expect(pending.map(\.alert.id) == ["a"])
        #expect(pending.first?.attempts == 1)
        #expect(pending.first?.nextAttemptAt.timeIntervalSince1970 == retryAt.timeIntervalSince1970)
        #expect(try await store.deliveryStates(sink: "webhook") == ["a": .pending, "b": .dead])
        try await store.markDelivered(alertIDs: ["a"], sink: "webhook", at: now)
        #expect(try await store.deliveryStates(sink: "webhook")["a"] == .delivered)
        #expect(try await store.nextDeliveryDue(sinks: ["webhook"]) == nil)
    }

    @Test(arguments: StoreBackend.tested)
    func anAlertIsQueuedOnlyForTheSinksRoutedToItsTopicAndKind(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let routing = AlertRouting(routes: [
            .init(sink: "everything"),
            .init(sink: "ceasefire-only", topics: ["ceasefire"]),
            .init(sink: "status-only", kinds: [.statusChange]),
        ])
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [Sample.alert(id: "story"), Sample.alert(id: "other-topic", topic: "elections")],
            sinks: routing
        )
        #expect(try await store.deliveryStates(sink: "everything") == ["story": .pending, "other-topic": .pending])
        #expect(try await store.deliveryStates(sink: "ceasefire-only") == ["story": .pending])
        #expect(try await store.deliveryStates(sink: "status-only").isEmpty)
    }

    @Test(arguments: StoreBackend.tested)
    func lastDeliveredAtIsTheLatestDeliveryOfEachTopicToThatSink(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [Sample.alert(id: "a"), Sample.alert(id: "b")],
            sinks: ["hook", "log"]
        )
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.markDelivered(alertIDs: ["a"], sink: "hook", at: first)
        try await store.markDelivered(alertIDs: ["b"], sink: "hook", at: first.addingTimeInterval(30))
        #expect(try await store.lastDeliveredAt(sink: "hook", topics: ["ceasefire"]) == ["ceasefire": first + 30])
        #expect(try await store.lastDeliveredAt(sink: "log", topics: ["ceasefire"]).isEmpty)
    }

    @Test(arguments: StoreBackend.tested)
    func reopeningTheDatabaseKeepsEverything(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "keep"),
            topicStates: [TopicState(topicID: "ceasefire", status: "agreed")],
            alerts: [Sample.alert(id: "kept")],
            sinks: ["log"]
        )
        let reopened = try await fixture.reopen()
        #expect(try await reopened.itemCount() == 1)
        #expect(try await reopened.topicStates()["ceasefire"]?.status == "agreed")
        #expect(try await reopened.alerts(limit: 5).map(\.id) == ["kept"])
        #expect(try await reopened.feeds().map(\.url) == [feed.url])
    }

    @Test(arguments: StoreBackend.tested)
    func batchIngestSeesCopiesWrittenEarlierInTheSameBatch(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let other = try await fixture.makeFeed("https://b.example/feed.xml", name: nil)
        let original = Sample.item(feed: feed.reference, key: "https://wire.example/story", hash: "same")
        let copy = Sample.item(feed: other.reference, key: "https://wire.example/story", hash: "same")
        let again = Sample.item(feed: feed.reference, key: "https://wire.example/story", hash: "same")
        let copies = Recorded<Bool>()
        let inserted = try await store.ingest([original, copy, again], sinks: ["log"]) { _, isCopy in
            copies.append(isCopy)
            return ([], isCopy ? [] : [Sample.alert(id: "story")])
        }
        #expect(inserted == [true, true, false])
        #expect(copies.all == [false, true], "decide runs for inserted items only, and sees the first as the original")
        #expect(try await store.deliveryStates(sink: "log") == ["story": .pending])
    }

    @Test(arguments: StoreBackend.tested)
    func anIngestCallsACopyByContentHashOrByAGloballyUniqueKeyOnly(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        let other = try await fixture.makeFeed("https://b.example/feed.xml", name: nil)
        try await store.ingest(
            [
                Sample.item(feed: feed.reference, key: "tag:wire.example,2026:1", hash: "wire-1"),
                Sample.item(feed: feed.reference, key: "42", hash: "local-42"),
                Sample.item(feed: feed.reference, key: "verbatim", hash: "text"),
            ],
            sinks: []
        ) { _, _ in ([], []) }
        let copies = Recorded<Bool>()
        let inserted = try await store.ingest(
            [
                // The same global id under another hash, a short local id another feed also uses, the same text
                // under another id, and an item of its own.
                Sample.item(feed: other.reference, key: "tag:wire.example,2026:1", hash: "rewritten"),
                Sample.item(feed: other.reference, key: "42", hash: "other-42"),
                Sample.item(feed: other.reference, key: "other-verbatim", hash: "text"),
                Sample.item(feed: other.reference, key: "own", hash: "own"),
            ],
            sinks: []
        ) { _, isCopy in
            copies.append(isCopy)
            return ([], [])
        }
        #expect(inserted == [true, true, true, true])
        #expect(copies.all == [true, false, true, false])
    }

    @Test(arguments: StoreBackend.tested)
    func recordPollsWritesFeedStateAndHealthAlertsTogether(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let feed = try await fixture.makeFeed()
        var failing = feed
        failing.consecutiveFailures = 4
        failing.failingSince = Sample.march1
        failing.failingAlerted = true
        try await store.recordPolls(
            [(failing, [Sample.alert(id: "feed-failing", topic: Alert.feedsTopic)])],
            sinks: ["log"]
        )
        let stored = try #require(try await store.feeds().first)
        #expect(stored.consecutiveFailures == 4)
        #expect(stored.failingSince == Sample.march1)
        #expect(stored.failingAlerted)
        #expect(try await store.deliveryStates(sink: "log") == ["feed-failing": .pending])
    }

    @Test(arguments: StoreBackend.tested)
    func recordPollsWritesEveryFeedsScheduleAndValidatorsInOneGo(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        var feeds: [FeedRecord] = []
        for index in 0..<50 {
            feeds.append(try await fixture.makeFeed("https://f\(index).example/feed.xml", name: nil))
        }
        let polled = feeds.map { feed in
            var feed = feed
            feed.validators = ConditionalRequest(etag: "\"e-\(feed.id)\"", lastModified: nil)
            feed.lastStatus = 304
            feed.nextPollAt = Sample.march1.addingTimeInterval(Double(feed.id) * 60)
            return (feed: feed, alerts: [Alert]())
        }
        try await fixture.store.recordPolls(polled, sinks: [])
        let stored = Dictionary(uniqueKeysWithValues: try await fixture.store.feeds().map { ($0.id, $0) })
        for (feed, _) in polled {
            #expect(stored[feed.id]?.validators == feed.validators)
            #expect(stored[feed.id]?.nextPollAt == feed.nextPollAt)
            #expect(stored[feed.id]?.lastStatus == 304)
        }
    }

    @Test(arguments: StoreBackend.tested)
    func twoFeedsRelinkedToOneURLInOneBatchLeaveItToTheFirst(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let first = try await fixture.makeFeed("https://old-a.example/feed.xml", name: nil)
        let second = try await fixture.makeFeed("https://old-b.example/feed.xml", name: nil)
        let moved = [first, second].map { feed in
            var feed = feed
            feed.url = "https://new.example/feed.xml"
            return (feed: feed, alerts: [Alert]())
        }
        try await fixture.store.recordPolls(moved, sinks: [])
        let urls = try await fixture.store.feeds().sorted { $0.id < $1.id }.map(\.url)
        #expect(urls == ["https://new.example/feed.xml", "https://old-b.example/feed.xml"])
    }

    @Test(arguments: StoreBackend.tested)
    func twoInstancesIngestingTheSameAlertStoreItAndItsDeliveriesOnce(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let other = try await fixture.makeFeed("https://b.example/feed.xml", name: "B")
        let second = try await fixture.reopen()
        let alert = Sample.alert(id: "shared-alert")
        let stores: [(any Store, FeedRecord)] = [(fixture.store, feed), (second, other)]
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (index, (store, source)) in stores.enumerated() {
                group.addTask {
                    try await store.ingest(
                        Sample.item(feed: source.reference, key: "copy-\(index)"),
                        topicStates: [],
                        alerts: [alert],
                        sinks: ["log", "webhook"]
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == [true, true])
        #expect(try await fixture.store.itemCount() == 2)
        #expect(try await fixture.store.alerts(limit: 10).map(\.id) == ["shared-alert"])
        #expect(try await fixture.store.alert(id: "shared-alert")?.deliveries.map(\.sink) == ["log", "webhook"])
    }

    @Test(arguments: StoreBackend.tested)
    func requeueingADeadDeliveryMakesItDueAgain(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let store = fixture.store
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "dead"),
            topicStates: [],
            alerts: [Sample.alert(id: "dead-1")],
            sinks: ["webhook"]
        )
        try await store.markFailed(alertIDs: ["dead-1"], sink: "webhook", error: "HTTP 400", retryAt: nil)
        #expect(try await store.alerts(withDeliveriesIn: .dead, limit: 10).map(\.alert.id) == ["dead-1"])
        #expect(try await store.requeueDead(now: Sample.march1) == 1)
        #expect(try await store.pendingDeliveryCount() == 1)
        #expect(try await store.pendingDeliveries(sink: "webhook", limit: 10).first?.attempts == 0)
    }

    @Test(arguments: StoreBackend.tested)
    func itemsComeBackInEventTimeOrderForReplay(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let feed = try await fixture.makeFeed()
        let store = fixture.store
        let later = Sample.item(feed: feed.reference, key: "later", at: Sample.march1.addingTimeInterval(60))
        let earlier = Sample.item(feed: feed.reference, key: "earlier", at: Sample.march1)
        try await store.ingest(later, topicStates: [], alerts: [], sinks: [])
        try await store.ingest(earlier, topicStates: [], alerts: [], sinks: [])
        let items = try await store.items(from: nil, to: nil)
        #expect(items.map(\.item.id) == ["earlier", "later"])
        #expect(items.first?.feed == feed.reference)
        #expect(items.first?.item.link == "https://news.example/earlier")
        #expect(try await store.items(from: Sample.march1.addingTimeInterval(30), to: nil).map(\.item.id) == ["later"])
    }

    @Test(arguments: StoreBackend.tested)
    func bothBackendsApplyTheSameSchemaVersions(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        switch fixture.store {
        case let store as SQLiteStore:
            #expect(try await store.appliedVersions() == StoreSchema.versions)
        case let store as PostgresStore:
            #expect(try await store.appliedVersions() == StoreSchema.versions)
        default:
            Issue.record("unknown backend \(backend)")
        }
    }
}
