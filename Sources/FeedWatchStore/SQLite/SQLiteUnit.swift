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
            // A relink never takes a URL another stored feed already uses (`url` is unique); a feed whose URL stays
            // as stored (nearly every poll) needs no look at the others.
            let statement = try SQLiteDirectStatement(
                """
                UPDATE feed SET
                    url = CASE WHEN url = ?1 THEN url
                        WHEN EXISTS (SELECT 1 FROM feed AS other WHERE other.url = ?1 AND other.id != ?20) THEN url
                        ELSE ?1 END,
                    etag = ?2, last_modified = ?3, last_status = ?4, last_polled_at = ?5, next_poll_at = ?6,
                    last_error = ?7, last_success_at = ?8, consecutive_failures = ?9, failing_since = ?10,
                    failing_alerted = ?11, retired_at = ?12, relink_target = ?13, relink_count = ?14,
                    last_new_item_at = ?15, update_interval = ?16, ttl = ?17, claimed_by = NULL, lease_until = NULL
                WHERE id = ?20
                """,
                in: db
            )
            for feed in feeds {
                statement.reset()
                statement.bind(feed.url, at: 1)
                statement.bind(feed.validators.etag, at: 2)
                statement.bind(feed.validators.lastModified, at: 3)
                statement.bind(feed.lastStatus, at: 4)
                statement.bind(feed.lastPolledAt, at: 5)
                statement.bind(feed.nextPollAt, at: 6)
                statement.bind(feed.lastError, at: 7)
                statement.bind(feed.lastSuccessAt, at: 8)
                statement.bind(feed.consecutiveFailures, at: 9)
                statement.bind(feed.failingSince, at: 10)
                statement.bind(feed.failingAlerted, at: 11)
                statement.bind(feed.retiredAt, at: 12)
                statement.bind(feed.relinkTarget, at: 13)
                statement.bind(feed.relinkCount, at: 14)
                statement.bind(feed.lastNewItemAt, at: 15)
                statement.bind(feed.updateInterval, at: 16)
                statement.bind(feed.ttl, at: 17)
                statement.bind(feed.id, at: 20)
                try statement.execute()
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

    func insertItems(_ items: [ItemRow]) async throws -> [IngestTransaction.Inserted?] {
        try await writer.access { db in try SQLiteItemInsert.run(items, in: db) }
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

    /// A JSON array of ids, for `json_each`: written directly, as the encoder's generic path costs more than the
    /// statement it feeds once per ingest batch.
    static func jsonArray(_ ids: [Int64]) -> String {
        var text = "["
        text.reserveCapacity(ids.count * 8 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { text += "," }
            text += String(id)
        }
        return text + "]"
    }
}
