import Foundation
import Testing

@testable import FeedWatch

@Suite("SQLiteStore: feeds, items, topic state and the outbox")
struct SQLiteStoreTests {
    private let directory: TemporaryDirectory
    private let store: SQLiteStore
    private let feed: FeedRecord

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.path + "/state/feedwatch.sqlite")
        feed = try #require(
            try store.syncFeeds([FeedConfiguration(url: "https://a.example/feed.xml", name: "A")], now: Sample.march1)
                .first
        )
    }

    @Test func newFeedsAreDueAtOnce() throws {
        #expect(feed.nextPollAt == Sample.march1)
        #expect(feed.lastSuccessAt == nil)
        #expect(feed.name == "A")
    }

    @Test func syncingAgainKeepsAFeedsStateAndUpdatesItsName() throws {
        var polled = feed
        polled.validators = ConditionalRequest(etag: "\"v1\"", lastModified: "Sun, 01 Mar 2026 08:00:00 GMT")
        polled.lastStatus = 304
        polled.lastPolledAt = Sample.march1
        polled.lastSuccessAt = Sample.march1
        polled.nextPollAt = Sample.march1.addingTimeInterval(900)
        try store.recordPoll(polled, alerts: [], sinks: ["log"])
        let again = try store.syncFeeds([FeedConfiguration(url: feed.url, name: "A renamed")], now: Date())
        #expect(again.count == 1)
        #expect(again[0].id == feed.id)
        #expect(again[0].name == "A renamed")
        #expect(again[0].validators.etag == "\"v1\"")
        #expect(again[0].validators.lastModified == "Sun, 01 Mar 2026 08:00:00 GMT")
        #expect(again[0].nextPollAt == Sample.march1.addingTimeInterval(900))
    }

    @Test func ingestWritesItemTopicStateAlertAndDeliveriesTogether() throws {
        let state = TopicState(topicID: "ceasefire", status: "proposed", statusAt: Sample.march1)
        let inserted = try store.ingest(
            Sample.item(feed: feed.reference, key: "a1"),
            topicStates: [state],
            alerts: [Sample.alert(id: "alert-1")],
            sinks: ["log", "webhook"]
        )
        #expect(inserted)
        #expect(try store.itemCount() == 1)
        #expect(try store.topicStates()["ceasefire"] == state)
        #expect(try store.alerts(limit: 10).map(\.id) == ["alert-1"])
        #expect(try store.deliveryStates(sink: "log") == ["alert-1": .pending])
        #expect(try store.deliveryStates(sink: "webhook") == ["alert-1": .pending])
    }

    @Test func storedAlertsRoundTripExactly() throws {
        let alert = Sample.alert(id: "alert-rt")
        try store.ingest(Sample.item(feed: feed.reference, key: "rt"), topicStates: [], alerts: [alert], sinks: ["log"])
        #expect(try store.alerts(limit: 1) == [alert])
    }

    @Test func ingestingAKnownItemWritesNothing() throws {
        try store.ingest(Sample.item(feed: feed.reference, key: "a1"), topicStates: [], alerts: [], sinks: ["log"])
        let again = try store.ingest(
            Sample.item(feed: feed.reference, key: "a1"),
            topicStates: [TopicState(topicID: "ceasefire", status: "rejected")],
            alerts: [Sample.alert(id: "alert-2")],
            sinks: ["log"]
        )
        #expect(!again)
        #expect(try store.itemCount() == 1)
        #expect(try store.alerts(limit: 10).isEmpty)
        #expect(try store.topicStates().isEmpty)
    }

    @Test func existingKeysAreFoundPerFeed() throws {
        try store.ingest(Sample.item(feed: feed.reference, key: "a1"), topicStates: [], alerts: [], sinks: [])
        #expect(try store.existingKeys(feedID: feed.id, keys: ["id:a1", "id:a2"]) == ["id:a1"])
        #expect(try store.existingKeys(feedID: feed.id + 1, keys: ["id:a1"]).isEmpty)
    }

    @Test func copiesInOtherFeedsAreRecognisedByKeyOrContentHash() throws {
        let other = try #require(
            try store.syncFeeds([FeedConfiguration(url: "https://b.example/feed.xml")], now: Sample.march1).first
        )
        try store.ingest(
            Sample.item(feed: feed.reference, key: "wire-1", hash: "h1"),
            topicStates: [],
            alerts: [],
            sinks: []
        )
        #expect(try store.isKnownElsewhere(feedID: other.id, dedupeKey: "id:wire-1", contentHash: "zzz"))
        #expect(try store.isKnownElsewhere(feedID: other.id, dedupeKey: "id:other", contentHash: "h1"))
        #expect(try !store.isKnownElsewhere(feedID: other.id, dedupeKey: "id:other", contentHash: "h2"))
        #expect(try !store.isKnownElsewhere(feedID: feed.id, dedupeKey: "id:wire-1", contentHash: "h1"))
        #expect(try !store.isKnownElsewhere(feedID: other.id, dedupeKey: nil, contentHash: "h2"))
    }

    @Test func pendingDeliveriesComeInEventTimeOrder() throws {
        let later = Sample.alert(id: "later", at: Sample.march1.addingTimeInterval(3600))
        let earlier = Sample.alert(id: "earlier", at: Sample.march1)
        try store.ingest(Sample.item(feed: feed.reference, key: "x1"), topicStates: [], alerts: [later], sinks: ["log"])
        try store.ingest(
            Sample.item(feed: feed.reference, key: "x2"),
            topicStates: [],
            alerts: [earlier],
            sinks: ["log"]
        )
        let pending = try store.pendingDeliveries(sink: "log", limit: 10)
        #expect(pending.map(\.alert.id) == ["earlier", "later"])
    }

    @Test func failedDeliveryWaitsForItsRetryTimeAndDeadOnesStop() throws {
        try store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [Sample.alert(id: "a"), Sample.alert(id: "b")],
            sinks: ["webhook"]
        )
        let now = Date()
        let retryAt = now.addingTimeInterval(60)
        try store.markFailed(alertIDs: ["a"], sink: "webhook", error: "HTTP 503", retryAt: retryAt)
        try store.markFailed(alertIDs: ["b"], sink: "webhook", error: "HTTP 400", retryAt: nil)
        let pending = try store.pendingDeliveries(sink: "webhook", limit: 10)
        #expect(pending.map(\.alert.id) == ["a"])
        #expect(pending.first?.attempts == 1)
        #expect(pending.first?.nextAttemptAt.timeIntervalSince1970 == retryAt.timeIntervalSince1970)
        #expect(try store.deliveryStates(sink: "webhook") == ["a": .pending, "b": .dead])
        try store.markDelivered(alertIDs: ["a"], sink: "webhook", at: now)
        #expect(try store.deliveryStates(sink: "webhook")["a"] == .delivered)
        #expect(try store.nextDeliveryDue(sinks: ["webhook"]) == nil)
    }

    @Test func anAlertIsQueuedOnlyForTheSinksRoutedToItsTopicAndKind() throws {
        let routing = AlertRouting(routes: [
            .init(sink: "everything"),
            .init(sink: "ceasefire-only", topics: ["ceasefire"]),
            .init(sink: "status-only", kinds: [.statusChange]),
        ])
        try store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [Sample.alert(id: "story"), Sample.alert(id: "other-topic", topic: "elections")],
            sinks: routing
        )
        #expect(try store.deliveryStates(sink: "everything") == ["story": .pending, "other-topic": .pending])
        #expect(try store.deliveryStates(sink: "ceasefire-only") == ["story": .pending])
        #expect(try store.deliveryStates(sink: "status-only").isEmpty)
    }

    @Test func lastDeliveredAtIsTheLatestDeliveryOfEachTopicToThatSink() throws {
        try store.ingest(
            Sample.item(feed: feed.reference, key: "x1"),
            topicStates: [],
            alerts: [Sample.alert(id: "a"), Sample.alert(id: "b")],
            sinks: ["hook", "log"]
        )
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        try store.markDelivered(alertIDs: ["a"], sink: "hook", at: first)
        try store.markDelivered(alertIDs: ["b"], sink: "hook", at: first.addingTimeInterval(30))
        #expect(try store.lastDeliveredAt(sink: "hook", topics: ["ceasefire"]) == ["ceasefire": first + 30])
        #expect(try store.lastDeliveredAt(sink: "log", topics: ["ceasefire"]).isEmpty)
    }

    @Test func reopeningTheDatabaseKeepsEverything() throws {
        try store.ingest(
            Sample.item(feed: feed.reference, key: "keep"),
            topicStates: [TopicState(topicID: "ceasefire", status: "agreed")],
            alerts: [Sample.alert(id: "kept")],
            sinks: ["log"]
        )
        let reopened = try SQLiteStore(path: store.path)
        #expect(try reopened.itemCount() == 1)
        #expect(try reopened.topicStates()["ceasefire"]?.status == "agreed")
        #expect(try reopened.alerts(limit: 5).map(\.id) == ["kept"])
        #expect(try reopened.feeds().map(\.url) == [feed.url])
    }

    @Test func unopenableDatabaseGivesAClearError() throws {
        let blocker = try directory.write("not a folder", to: "blocker")
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: blocker + "/db.sqlite") }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains(blocker + "/db.sqlite") == true)
        #expect(error?.description.contains("writable") == true)
    }

    @Test func batchIngestSeesCopiesWrittenEarlierInTheSameBatch() throws {
        let other = try #require(
            try store.syncFeeds([FeedConfiguration(url: "https://b.example/feed.xml")], now: Sample.march1).first
        )
        let original = Sample.item(feed: feed.reference, key: "https://wire.example/story", hash: "same")
        let copy = Sample.item(feed: other.reference, key: "https://wire.example/story", hash: "same")
        let again = Sample.item(feed: feed.reference, key: "https://wire.example/story", hash: "same")
        var copies: [Bool] = []
        let inserted = try store.ingest([original, copy, again], sinks: ["log"]) { _, isCopy in
            copies.append(isCopy)
            return ([], isCopy ? [] : [Sample.alert(id: "story")])
        }
        #expect(inserted == [true, true, false])
        #expect(copies == [false, true], "decide runs for inserted items only, and sees the first as the original")
        #expect(try store.deliveryStates(sink: "log") == ["story": .pending])
    }

    @Test func recordPollsWritesFeedStateAndHealthAlertsTogether() throws {
        var failing = feed
        failing.consecutiveFailures = 4
        failing.failingSince = Sample.march1
        failing.failingAlerted = true
        try store.recordPolls([(failing, [Sample.alert(id: "feed-failing", topic: Alert.feedsTopic)])], sinks: ["log"])
        let stored = try #require(try store.feeds().first)
        #expect(stored.consecutiveFailures == 4)
        #expect(stored.failingSince == Sample.march1)
        #expect(stored.failingAlerted)
        #expect(try store.deliveryStates(sink: "log") == ["feed-failing": .pending])
    }
}
