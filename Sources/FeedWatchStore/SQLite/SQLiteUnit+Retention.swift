import FeedWatchAnalysis
import Foundation
import GRDB

/// SQLite's dialect of pruning; see ``RetentionUnit``.
extension SQLiteUnit {
    func itemClock() async throws -> (newestEvent: Double?, lastFirstSeen: Double?) {
        try await writer.access { db in
            let newest = try Double.fetchOne(db, sql: "SELECT MAX(event_at) FROM item")
            let lastSeen = try Double.fetchOne(db, sql: "SELECT first_seen_at FROM item ORDER BY id DESC LIMIT 1")
            return (newest, lastSeen)
        }
    }

    func items(eventBefore time: Double, after cursor: (eventAt: Double, id: Int64), limit: Int) async throws
        -> [(id: Int64, dedupeKey: String, eventAt: Double)]
    {
        try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT id, dedupe_key, event_at FROM item
                    WHERE event_at < ? AND (event_at, id) > (?, ?)
                    ORDER BY event_at, id LIMIT ?
                    """
            )
            return try Row.fetchAll(statement, arguments: [time, cursor.eventAt, cursor.id, limit]).map { row in
                (id: row[0] as Int64, dedupeKey: row[1] as String, eventAt: row[2] as Double)
            }
        }
    }

    func items(after cursor: Int64, limit: Int) async throws
        -> [(id: Int64, dedupeKey: String, eventAt: Double, firstSeenAt: Double)]
    {
        try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: "SELECT id, dedupe_key, event_at, first_seen_at FROM item WHERE id > ? ORDER BY id LIMIT ?"
            )
            return try Row.fetchAll(statement, arguments: [cursor, limit]).map { row in
                (
                    id: row[0] as Int64, dedupeKey: row[1] as String, eventAt: row[2] as Double,
                    firstSeenAt: row[3] as Double
                )
            }
        }
    }

    func items(feedID: Int64, olderThan time: Double, after cursor: Int64, limit: Int) async throws
        -> [(id: Int64, dedupeKey: String)]
    {
        try await writer.access { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT id, dedupe_key FROM item
                    WHERE feed_id = ? AND id > ? AND (event_at < ? OR first_seen_at < ?)
                    ORDER BY id LIMIT ?
                    """
            )
            let arguments: StatementArguments = [feedID, cursor, time, time - Analyzer.futureTolerance, limit]
            return try Row.fetchAll(statement, arguments: arguments).map { row in
                (id: row[0] as Int64, dedupeKey: row[1] as String)
            }
        }
    }

    func deleteItems(_ ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        let list = SQLiteUnit.jsonArray(ids)
        try await writer.access { db in
            try db.execute(sql: "DELETE FROM item WHERE id IN (SELECT value FROM json_each(?))", arguments: [list])
        }
    }

    func forgetItems(olderThan time: Double, feedID: Int64?) async throws {
        try await writer.access { db in
            if let feedID {
                try db.execute(
                    sql: """
                        UPDATE feed SET pruned_before = ?
                        WHERE id = ? AND (pruned_before IS NULL OR pruned_before < ?)
                        """,
                    arguments: [time, feedID, time]
                )
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO retention_mark (name, pruned_before) VALUES ('items', ?)
                        ON CONFLICT(name) DO UPDATE SET pruned_before = MAX(pruned_before, excluded.pruned_before)
                        """,
                    arguments: [time]
                )
            }
        }
    }

    func forgottenBefore(feedIDs: [Int64]) async throws -> [Int64: Double] {
        let list = SQLiteUnit.jsonArray(feedIDs)
        return try await writer.access { db in
            let everyFeed = try Double.fetchOne(
                db.cachedStatement(sql: "SELECT pruned_before FROM retention_mark WHERE name = 'items'")
            )
            let statement = try db.cachedStatement(
                sql: """
                    SELECT id, pruned_before FROM feed
                    WHERE pruned_before IS NOT NULL AND id IN (SELECT value FROM json_each(?))
                    """
            )
            var times: [Int64: Double] = [:]
            if let everyFeed {
                for id in feedIDs { times[id] = everyFeed }
            }
            for row in try Row.fetchAll(statement, arguments: [list]) {
                let time: Double = row[1]
                let id: Int64 = row[0]
                times[id] = max(times[id] ?? time, time)
            }
            return times
        }
    }

    func feeds(holdingMoreThan maximum: Int) async throws -> [Int64] {
        try await writer.access { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT feed_id FROM item GROUP BY feed_id HAVING COUNT(*) > ? ORDER BY feed_id",
                arguments: [maximum]
            )
        }
    }

    func itemTime(feedID: Int64, rank: Int) async throws -> Double? {
        try await writer.access { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT MIN(event_at, first_seen_at + ?) AS time FROM item WHERE feed_id = ?
                    ORDER BY time DESC LIMIT 1 OFFSET ?
                    """,
                arguments: [Analyzer.futureTolerance, feedID, rank - 1]
            )
        }
    }

    func alerts(olderThan time: Double, limit: Int) async throws -> [String] {
        try await writer.access { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM alert
                    WHERE (event_at < ? OR created_at < ?)
                        AND NOT EXISTS (SELECT 1 FROM delivery WHERE alert_id = alert.id AND state = 'pending')
                    LIMIT ?
                    """,
                arguments: [time, time - Analyzer.futureTolerance, limit]
            )
        }
    }

    func deleteAlerts(_ ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        let list = try SQLiteUnit.jsonArray(ids)
        try await writer.access { db in
            try db.execute(
                sql: "DELETE FROM delivery WHERE alert_id IN (SELECT value FROM json_each(?))",
                arguments: [list]
            )
            try db.execute(sql: "DELETE FROM alert WHERE id IN (SELECT value FROM json_each(?))", arguments: [list])
        }
    }
}
