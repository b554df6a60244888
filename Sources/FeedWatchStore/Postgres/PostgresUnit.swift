import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import Foundation
import PostgresNIO

/// PostgreSQL's dialect of the relational store's unit of work: statements on one connection, inside its open
/// transaction; a batch travels as one JSON document or a few arrays, one round trip per statement.
struct PostgresUnit: RelationalUnit {
    let session: PostgresSession

    func lockIngest() async throws {
        try await session.run("SELECT pg_advisory_xact_lock(\(Self.ingestLock))")
    }

    func lockFeedSync() async throws {
        try await session.run("SELECT pg_advisory_xact_lock(\(Self.feedSyncLock))")
    }

    func storedFeeds() async throws -> [FeedRecord] {
        try await session.run(PostgresQuery(unsafeSQL: "SELECT \(FeedColumns.list) FROM feed"))
            .map(PostgresStore.feedRecord)
    }

    func renameFeeds(_ renames: [(id: Int64, name: String?)]) async throws {
        for (id, name) in renames {
            try await session.run("UPDATE feed SET name = \(name) WHERE id = \(id)")
        }
    }

    func insertFeeds(_ feeds: [FeedConfiguration], now: Date) async throws -> [FeedRecord] {
        guard !feeds.isEmpty else { return [] }
        let seconds = now.timeIntervalSince1970
        let rows = feeds.enumerated().map { index, feed in NewFeedRow(ord: index, url: feed.url, name: feed.name) }
        var insert: PostgresQuery = """
            INSERT INTO feed (url, configured_url, name, next_poll_at, created_at)
            SELECT url, url, name, \(seconds), \(seconds)
            FROM jsonb_to_recordset(\(try Self.json(rows))::JSONB) AS f (ord BIGINT, url TEXT, name TEXT)
            ORDER BY ord
            """
        insert.sql += " RETURNING \(FeedColumns.list)"
        let inserted = try await session.run(insert).map(PostgresStore.feedRecord)
        let byURL = Dictionary(inserted.map { ($0.configuredURL, $0) }, uniquingKeysWith: { first, _ in first })
        return feeds.compactMap { byURL[$0.url] }
    }

    func updateFeeds(_ feeds: [FeedRecord]) async throws {
        // Every feed's poll state in one statement; then, one by one, the URLs of the few feeds relinked after
        // permanent redirects, so that two feeds moving to one URL keep `url` unique as they do on SQLite.
        try await session.run(
            """
            UPDATE feed SET etag = f.etag, last_modified = f.last_modified, last_status = f.last_status,
                last_polled_at = f.last_polled_at, next_poll_at = f.next_poll_at, last_error = f.last_error,
                last_success_at = f.last_success_at, consecutive_failures = f.consecutive_failures,
                failing_since = f.failing_since, failing_alerted = f.failing_alerted, retired_at = f.retired_at,
                relink_target = f.relink_target, relink_count = f.relink_count,
                last_new_item_at = f.last_new_item_at, update_interval = f.update_interval, ttl = f.ttl,
                claimed_by = NULL, lease_until = NULL
            FROM jsonb_to_recordset(\(try Self.json(feeds.map(PolledFeedRow.init)))::JSONB) AS f (id BIGINT,
                etag TEXT, last_modified TEXT, last_status BIGINT, last_polled_at DOUBLE PRECISION,
                next_poll_at DOUBLE PRECISION, last_error TEXT, last_success_at DOUBLE PRECISION,
                consecutive_failures BIGINT, failing_since DOUBLE PRECISION, failing_alerted BOOLEAN,
                retired_at DOUBLE PRECISION, relink_target TEXT, relink_count BIGINT,
                last_new_item_at DOUBLE PRECISION, update_interval DOUBLE PRECISION, ttl DOUBLE PRECISION)
            WHERE feed.id = f.id
            """
        )
        for feed in feeds where feed.url != feed.configuredURL {
            try await session.run(
                """
                UPDATE feed SET url = \(feed.url) WHERE id = \(feed.id)
                    AND NOT EXISTS (SELECT 1 FROM feed AS other WHERE other.url = \(feed.url) AND other.id != \(feed.id))
                """
            )
        }
    }

    func topicRevisions() async throws -> [String: Int64] {
        let rows = try await session.run("SELECT topic_id, revision FROM topic_state").map {
            try $0.decode((String, Int64).self)
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func topicStates(_ topicIDs: [String]) async throws -> [(topicID: String, json: String, revision: Int64)] {
        try await session.run(
            "SELECT topic_id, state, revision FROM topic_state WHERE topic_id = ANY(\(topicIDs))"
        ).map { row in
            let (topicID, json, revision) = try row.decode((String, String, Int64).self)
            return (topicID, json, revision)
        }
    }

    func saveTopicStates(_ states: [(topicID: String, json: String, at: Date)]) async throws -> [String: Int64] {
        var revisions: [String: Int64] = [:]
        for (topicID, json, at) in states {
            let rows = try await session.run(
                """
                INSERT INTO topic_state (topic_id, state, updated_at, revision)
                VALUES (\(topicID), \(json), \(at.timeIntervalSince1970), 1)
                ON CONFLICT (topic_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                    revision = topic_state.revision + 1
                RETURNING revision
                """
            )
            revisions[topicID] = try rows.first?.decode(Int64.self)
        }
        return revisions
    }

    /// Inserts the batch in one statement: rows go to the server as one JSON document, one round trip for the whole
    /// batch instead of one per item, which is what makes PostgreSQL's ingest as fast as SQLite's in-process one.
    func insertItems(_ items: [ItemRow]) async throws -> [IngestTransaction.Inserted?] {
        let inserted = try await session.run(
            """
            INSERT INTO item (feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
                summary, content, authors, categories, event_at, first_seen_at)
            SELECT feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
                summary, content, authors, categories, event_at, first_seen_at
            FROM jsonb_to_recordset(\(try Self.json(items))::JSONB) AS row (ord BIGINT, feed_id BIGINT,
                dedupe_key TEXT, content_hash TEXT, guid TEXT, title TEXT, link TEXT, published_at DOUBLE PRECISION,
                updated_at DOUBLE PRECISION, summary TEXT, content TEXT, authors TEXT, categories TEXT,
                event_at DOUBLE PRECISION, first_seen_at DOUBLE PRECISION)
            ORDER BY ord
            ON CONFLICT (feed_id, dedupe_key) DO NOTHING
            RETURNING id, feed_id, dedupe_key
            """
        ).map { try $0.decode((Int64, Int64, String).self) }
        var ids: [ItemKey: Int64] = [:]
        for (id, feedID, key) in inserted {
            ids[ItemKey(feedID: feedID, dedupeKey: key)] = id
        }
        // A key inserted once belongs to its first occurrence in the batch; a repeat was not inserted.
        let rowIDs = items.map { item in
            ids.removeValue(forKey: ItemKey(feedID: item.feed_id, dedupeKey: item.dedupe_key))
        }
        let new = rowIDs.compactMap { $0 }
        guard !new.isEmpty else { return rowIDs.map { _ in nil } }
        let keyed = zip(items, rowIDs).compactMap { item, id in DedupeKey.isGloballyUnique(item.dedupe_key) ? id : nil }
        let copies = try await self.copies(among: new, keyed: keyed)
        return rowIDs.map { id in id.map { IngestTransaction.Inserted(id: $0, isCopy: copies.contains($0)) } }
    }

    /// Of the inserted items `ids`, those another feed held before them (stored earlier, or earlier in the batch):
    /// by content hash, or by dedupe key for the ids in `keyed` (items whose key is globally unique).
    private func copies(among ids: [Int64], keyed: [Int64]) async throws -> Set<Int64> {
        let rows = try await session.run(
            """
            SELECT i.id FROM item i
            WHERE i.id = ANY(\(ids))
                AND (EXISTS (SELECT 1 FROM item o
                        WHERE o.content_hash = i.content_hash AND o.feed_id <> i.feed_id AND o.id < i.id)
                    OR (i.id = ANY(\(keyed)) AND EXISTS (SELECT 1 FROM item o
                        WHERE o.dedupe_key = i.dedupe_key AND o.feed_id <> i.feed_id AND o.id < i.id)))
            """
        )
        return Set(try rows.map { try $0.decode(Int64.self) })
    }

    func insertAlerts(_ alerts: [AlertRow]) async throws -> Set<String> {
        let rows = try await session.run(
            """
            INSERT INTO alert (id, topic_id, kind, event_at, created_at, item_id, payload)
            SELECT id, topic_id, kind, event_at, created_at, item_id, payload
            FROM jsonb_to_recordset(\(try Self.json(alerts))::JSONB) AS a (ord BIGINT, id TEXT, topic_id TEXT,
                kind TEXT, event_at DOUBLE PRECISION, created_at DOUBLE PRECISION, item_id BIGINT, payload TEXT)
            ORDER BY ord
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """
        )
        return Set(try rows.map { try $0.decode(String.self) })
    }

    func insertDeliveries(_ deliveries: [DeliveryRow]) async throws {
        try await session.run(
            """
            INSERT INTO delivery (alert_id, sink, state, attempts, next_attempt_at)
            SELECT alert_id, sink, 'pending', 0, next_attempt_at
            FROM unnest(\(deliveries.map(\.alertID))::TEXT[], \(deliveries.map(\.sink))::TEXT[],
                \(deliveries.map(\.nextAttemptAt))::DOUBLE PRECISION[]) AS d (alert_id, sink, next_attempt_at)
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// A batch as the JSON document a statement reads with `jsonb_to_recordset`.
    private static func json(_ rows: some Encodable) throws -> String {
        String(decoding: try StoreCoding.encoder.encode(rows), as: UTF8.self)
    }

    /// The advisory lock key ingests hold ("feedwatch ingest", 63 bits).
    static let ingestLock: Int64 = 0x6665_6564_696E_6773
    /// The advisory lock key feed syncs hold ("feedwatch feeds", 63 bits).
    static let feedSyncLock: Int64 = 0x6665_6564_6665_6564
}

/// A new feed as one row of the JSON document ``PostgresUnit/insertFeeds(_:now:)`` sends.
private struct NewFeedRow: Encodable {
    var ord: Int
    var url: String
    var name: String?
}

/// An item's identity within its feed.
private struct ItemKey: Hashable {
    var feedID: Int64
    var dedupeKey: String
}

/// A feed's poll state as one row of the JSON document ``PostgresUnit/updateFeeds(_:)`` sends, in the `feed` table's
/// columns.
private struct PolledFeedRow: Encodable {
    var id: Int64
    var etag: String?
    var last_modified: String?
    var last_status: Int?
    var last_polled_at: Double?
    var next_poll_at: Double?
    var last_error: String?
    var last_success_at: Double?
    var consecutive_failures: Int
    var failing_since: Double?
    var failing_alerted: Bool
    var retired_at: Double?
    var relink_target: String?
    var relink_count: Int
    var last_new_item_at: Double?
    var update_interval: Double?
    var ttl: Double?

    init(_ feed: FeedRecord) {
        id = feed.id
        etag = feed.validators.etag
        last_modified = feed.validators.lastModified
        last_status = feed.lastStatus
        last_polled_at = feed.lastPolledAt?.timeIntervalSince1970
        next_poll_at = feed.nextPollAt?.timeIntervalSince1970
        last_error = feed.lastError
        last_success_at = feed.lastSuccessAt?.timeIntervalSince1970
        consecutive_failures = feed.consecutiveFailures
        failing_since = feed.failingSince?.timeIntervalSince1970
        failing_alerted = feed.failingAlerted
        retired_at = feed.retiredAt?.timeIntervalSince1970
        relink_target = feed.relinkTarget
        relink_count = feed.relinkCount
        last_new_item_at = feed.lastNewItemAt?.timeIntervalSince1970
        update_interval = feed.updateInterval
        ttl = feed.ttl
    }
}
