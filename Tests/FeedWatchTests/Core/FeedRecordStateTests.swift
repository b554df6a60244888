import Foundation
import GRDB
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

@Suite("FeedRecord.state and the v2 migration")
struct FeedRecordStateTests {
    private let now = Date(timeIntervalSince1970: 1_772_352_000)

    @Test func statesFollowTheFeedsHistory() {
        var feed = FeedRecord(id: 1, url: "https://a.example/feed.xml")
        #expect(feed.state == .new)
        feed.lastSuccessAt = now
        #expect(feed.state == .ok)
        feed.consecutiveFailures = 2
        feed.nextPollAt = now.addingTimeInterval(1800)
        #expect(feed.state == .backingOff(until: now.addingTimeInterval(1800)))
        feed.failingSince = now.addingTimeInterval(-90_000)
        feed.failingAlerted = true
        #expect(feed.state == .failing(since: now.addingTimeInterval(-90_000)))
        feed.retiredAt = now
        #expect(feed.state == .retired(at: now))
        #expect(feed.state.description == "retired at 2026-03-01T08:00:00Z")
    }

    @Test func aRateLimitedFeedIsBackingOffWithoutFailing() {
        var feed = FeedRecord(id: 1, url: "https://a.example/feed.xml", lastSuccessAt: now)
        feed.lastStatus = 429
        feed.lastError = "the server answered HTTP 429"
        feed.nextPollAt = now.addingTimeInterval(120)
        #expect(feed.state == .backingOff(until: now.addingTimeInterval(120)))
        #expect(feed.consecutiveFailures == 0)
    }

    @Test func migratingAVersion1DatabaseKeepsEachFeedMatchedByItsURL() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try SQLiteStore.migrator.migrate(queue, upTo: "v1")
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO feed (url, name, etag, created_at) VALUES (?, ?, ?, ?)",
                arguments: ["https://a.example/feed.xml", "A", "\"v1\"", 0]
            )
        }
        try queue.close()
        let store = try SQLiteStore(path: path)
        let synced = try await store.syncFeeds([FeedConfiguration(url: "https://a.example/feed.xml")], now: now)
        #expect(synced.count == 1)
        #expect(synced.first?.id == 1)
        #expect(synced.first?.configuredURL == "https://a.example/feed.xml")
        #expect(synced.first?.validators.etag == "\"v1\"")
        #expect(try await store.feeds().count == 1)
    }
}
