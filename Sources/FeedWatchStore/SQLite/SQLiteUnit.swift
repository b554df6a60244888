import FeedWatchConfig
import FeedWatchCore
import Foundation
import GRDB

/// SQLite's dialect of the relational store's unit of work: each statement runs as one access to the writer,
/// inside the transaction ``SQLiteWriter/transaction(_:)`` holds open; statements are compiled once and cached.
struct SQLiteUnit: RelationalUnit {
    let writer: SQLiteWriter

    /// Nothing to take: SQLite has one writer, and ``SQLiteWriter`` serves writes in turn.
    func lockIngest() async throws {}

    /// Nothing to take: SQLite has one writer, and ``SQLiteWriter`` serves writes in turn.
    func lockFeedSync() async throws {}

    func storedFeeds() async throws -> [FeedRecord] {
        try await writer.access { db in
            try Row.fetchAll(db, sql: "SELECT \(FeedColumns.list) FROM feed").map(SQLiteStore.feedRecord)
        }
    }

    func renameFeeds(_ renames: [(id: Int64, name: String?)]) async throws {
        guard !renames.isEmpty else { return }
        try await writer.access { db in
            let rename = try db.cachedStatement(sql: "UPDATE feed SET name = ? WHERE id = ?")
            for feed in renames {
                try rename.execute(arguments: [feed.name, feed.id])
            }
        }
    }

    func insertFeeds(_ feeds: [FeedConfiguration], now: Date) async throws -> [FeedRecord] {
        guard !feeds.isEmpty else { return [] }
        return try await writer.access { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO feed (url, configured_url, name, next_poll_at, created_at)
                    VALUES (?, ?, ?, ?, ?)
                    """
            )
            let inserted = try db.cachedStatement(sql: "SELECT \(FeedColumns.list) FROM feed WHERE id = ?")
            var records: [FeedRecord] = []
            for feed in feeds {
                let seconds = now.timeIntervalSince1970
                try insert.execute(arguments: [feed.url, feed.url, feed.name, seconds, seconds])
                if let row = try Row.fetchOne(inserted, arguments: [db.lastInsertedRowID]) {
                    records.append(SQLiteStore.feedRecord(row))
                }
            }
            return records
        }
    }

    func updateFeeds(_ feeds: [FeedRecord]) async throws {
        try await writer.access { db in
            // A relink never takes a URL another stored feed already uses (`url` is unique).
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE feed SET
                        url = CASE WHEN EXISTS (SELECT 1 FROM feed AS other WHERE other.url = ? AND other.id != ?)
                            THEN url ELSE ? END,
                        etag = ?, last_modified = ?, last_status = ?, last_polled_at = ?, next_poll_at = ?,
                        last_error = ?, last_success_at = ?, consecutive_failures = ?, failing_since = ?,
                        failing_alerted = ?, retired_at = ?, relink_target = ?, relink_count = ?,
                        last_new_item_at = ?, update_interval = ?, ttl = ?, claimed_by = NULL, lease_until = NULL
                    WHERE id = ?
                    """
            )
            for feed in feeds {
                try statement.execute(arguments: [
                    feed.url, feed.id, feed.url,
                    feed.validators.etag, feed.validators.lastModified, feed.lastStatus,
                    feed.lastPolledAt?.timeIntervalSince1970, feed.nextPollAt?.timeIntervalSince1970,
                    feed.lastError, feed.lastSuccessAt?.timeIntervalSince1970, feed.consecutiveFailures,
                    feed.failingSince?.timeIntervalSince1970, feed.failingAlerted,
                    feed.retiredAt?.timeIntervalSince1970, feed.relinkTarget, feed.relinkCount,
                    feed.lastNewItemAt?.timeIntervalSince1970, feed.updateInterval, feed.ttl, feed.id,
                ])
            }
        }
    }

    func topicRevisions() async throws -> [String: Int64] {
        try await writer.access { db in
            var revisions: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT topic_id, revision FROM topic_state") {
                revisions[row["topic_id"]] = row["revision"]
            }
            return revisions
        }
    }

    func topicStates(_ topicIDs: [String]) async throws -> [(topicID: String, json: String, revision: Int64)] {
        let list = try SQLiteUnit.jsonArray(topicIDs)
        return try await writer.access { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT topic_id, state, revision FROM topic_state
                    WHERE topic_id IN (SELECT value FROM json_each(?))
                    """,
                arguments: [list]
            ).map { row in (topicID: row["topic_id"], json: row["state"], revision: row["revision"]) }
        }
    }

    func saveTopicStates(_ states: [(topicID: String, json: String, at: Date)]) async throws -> [String: Int64] {
        try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO topic_state (topic_id, state, updated_at, revision) VALUES (?, ?, ?, 1)
                    ON CONFLICT(topic_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                        revision = topic_state.revision + 1
                    RETURNING revision
                    """
            )
            var revisions: [String: Int64] = [:]
            for (topicID, json, at) in states {
                revisions[topicID] = try Int64.fetchOne(
                    statement,
                    arguments: [topicID, json, at.timeIntervalSince1970]
                )
            }
            return revisions
        }
    }

    func insertItems(_ items: [ItemRow]) async throws -> [Int64?] {
        try await writer.access { db in try SQLiteItemInsert.run(items, in: db) }
    }

    func copies(among ids: [Int64], keyed: [Int64]) async throws -> Set<Int64> {
        let inserted = try SQLiteUnit.jsonArray(ids)
        let keyed = try SQLiteUnit.jsonArray(keyed)
        return try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT i.id FROM item i
                    WHERE i.id IN (SELECT value FROM json_each(?))
                        AND (EXISTS (SELECT 1 FROM item o
                                WHERE o.content_hash = i.content_hash AND o.feed_id != i.feed_id AND o.id < i.id)
                            OR (i.id IN (SELECT value FROM json_each(?)) AND EXISTS (SELECT 1 FROM item o
                                WHERE o.dedupe_key = i.dedupe_key AND o.feed_id != i.feed_id AND o.id < i.id)))
                    """
            )
            return Set(try Int64.fetchAll(statement, arguments: [inserted, keyed]))
        }
    }

    func insertAlerts(_ alerts: [AlertRow]) async throws -> Set<String> {
        try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO alert (id, topic_id, kind, event_at, created_at, item_id, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                    """
            )
            var inserted = Set<String>()
            for alert in alerts {
                try statement.execute(arguments: [
                    alert.id, alert.topic_id, alert.kind, alert.event_at, alert.created_at, alert.item_id,
                    alert.payload,
                ])
                if db.changesCount > 0 { inserted.insert(alert.id) }
            }
            return inserted
        }
    }

    func insertDeliveries(_ deliveries: [DeliveryRow]) async throws {
        try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO delivery (alert_id, sink, state, attempts, next_attempt_at)
                    VALUES (?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING
                    """
            )
            for delivery in deliveries {
                try statement.execute(arguments: [delivery.alertID, delivery.sink, delivery.nextAttemptAt])
            }
        }
    }

    /// A JSON array of values, for `json_each`.
    static func jsonArray(_ values: some Encodable) throws -> String {
        String(decoding: try StoreCoding.encoder.encode(values), as: UTF8.self)
    }
}
