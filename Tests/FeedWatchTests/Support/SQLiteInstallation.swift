import Foundation
import GRDB
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// An SQLite installation with some history, written through the real store API, for `feedwatch migrate` tests:
/// feeds polled, failing and retired (validators, schedules, relinks), items with every field, topic states, and
/// alerts whose deliveries are pending, retrying, delivered and dead.
struct SQLiteInstallation {
    /// The SQLite file.
    let path: String
    /// The sinks alerts were routed to.
    static let sinks = ["log", "webhook"]

    /// Writes the installation; the store is released (its WAL checkpointed) before this returns.
    ///
    /// - Parameters:
    ///   - path: The SQLite file to create.
    ///   - items: How many items to ingest; every seventh raises an alert.
    init(path: String, items: Int = 240) async throws {
        self.path = path
        let store = try SQLiteStore(path: path)
        let time = Sample.march1.addingTimeInterval(0.123_456_789)
        let configured = ["https://a.example/feed.xml", "https://b.example/rss", "https://c.example/atom"]
        let feeds = try await store.syncFeeds(
            configured.map { FeedConfiguration(url: $0, name: $0.dropFirst(8).prefix(1).uppercased()) },
            now: time
        )
        #expect(feeds.count == 3)
        var polled = feeds[0]
        polled.validators = ConditionalRequest(etag: "W/\"v7\"", lastModified: "Sun, 01 Mar 2026 08:00:00 GMT")
        polled.lastStatus = 200
        polled.lastPolledAt = time
        polled.lastSuccessAt = time
        polled.nextPollAt = time.addingTimeInterval(905.5)
        polled.lastNewItemAt = time.addingTimeInterval(-60)
        polled.updateInterval = 1_234.25
        polled.ttl = 1_800
        var failing = feeds[1]
        failing.url = "https://b.example/moved.rss"
        failing.lastStatus = 503
        failing.lastPolledAt = time
        failing.lastError = "HTTP 503 Service Unavailable"
        failing.consecutiveFailures = 4
        failing.failingSince = time.addingTimeInterval(-7_200)
        failing.failingAlerted = true
        failing.relinkTarget = "https://b.example/next.rss"
        failing.relinkCount = 2
        failing.nextPollAt = time.addingTimeInterval(3_600)
        var retired = feeds[2]
        retired.lastStatus = 410
        retired.retiredAt = time
        let failingAlert = Alert(
            id: "feed-failing-b",
            topic: "feed:b",
            kind: .feedFailing,
            at: time,
            createdAt: time,
            summary: "Feed B is failing",
            evidence: []
        )
        try await store.recordPolls(
            [(polled, []), (failing, [failingAlert]), (retired, [])],
            sinks: ["log", "webhook"]
        )

        var batch: [AnalyzedItem] = []
        for number in 0..<items {
            let feed = number.isMultiple(of: 3) ? feeds[1] : feeds[0]
            var item = Sample.item(
                feed: feed.reference,
                key: "item-\(number)",
                title: "Report \(number): harbour talks résumé “quoted” \\ back\u{1F4F0}",
                at: time.addingTimeInterval(Double(number) * 61.5)
            )
            item.item.summary = number.isMultiple(of: 2) ? "Summary \(number)\nsecond line" : nil
            item.item.content = number.isMultiple(of: 5) ? String(repeating: "content \(number) ", count: 40) : nil
            item.item.updated = number.isMultiple(of: 4) ? item.eventTime.addingTimeInterval(30) : nil
            item.item.authors = number.isMultiple(of: 2) ? ["Ada Reporter", "Bo Editor"] : []
            item.item.categories = number.isMultiple(of: 3) ? ["politics"] : []
            batch.append(item)
        }
        // Two alerts share an event time, so the order of pending deliveries rests on the storage order.
        _ = try await store.ingest(batch, sinks: ["log", "webhook"]) { item, _ in
            let number = Int(item.dedupeKey.dropFirst("id:item-".count)) ?? 0
            guard number.isMultiple(of: 7) else { return ([], []) }
            let state = TopicState(topicID: "topic-\(number % 3)", status: "s\(number)", statusAt: item.eventTime)
            let at = number == 14 ? time : item.eventTime
            return ([state], [Sample.alert(id: "alert-\(number)", topic: "topic-\(number % 3)", at: at)])
        }
        try await store.markDelivered(
            alertIDs: ["alert-0", "alert-7"],
            sink: "webhook",
            at: time.addingTimeInterval(99.75)
        )
        try await store.markDelivered(alertIDs: ["alert-0"], sink: "log", at: time.addingTimeInterval(100))
        try await store.markFailed(
            alertIDs: ["alert-14", "feed-failing-b"],
            sink: "webhook",
            error: "HTTP 502",
            retryAt: time.addingTimeInterval(420.5)
        )
        try await store.markFailed(
            alertIDs: ["alert-14"],
            sink: "webhook",
            error: "HTTP 503",
            retryAt: time.addingTimeInterval(900)
        )
        try await store.markFailed(alertIDs: ["alert-21"], sink: "webhook", error: "HTTP 400 Bad Request", retryAt: nil)
    }

    /// The file's bytes, to show it was not changed.
    func contents() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Changes the file behind the store's back, with foreign keys off: a database damaged or edited by hand.
    func tamper(_ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: sql) }
    }
}
