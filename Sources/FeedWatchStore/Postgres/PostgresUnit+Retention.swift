import FeedWatchAnalysis
import Foundation
import PostgresNIO

/// PostgreSQL's dialect of pruning; see ``RetentionUnit``.
extension PostgresUnit {
    func itemClock() async throws -> (newestEvent: Double?, lastFirstSeen: Double?) {
        let rows = try await session.run(
            """
            SELECT (SELECT MAX(event_at) FROM item),
                (SELECT first_seen_at FROM item ORDER BY id DESC LIMIT 1)
            """
        )
        guard let row = rows.first else { return (nil, nil) }
        let (newest, lastSeen) = try row.decode((Double?, Double?).self)
        return (newest, lastSeen)
    }

    func items(eventBefore time: Double, after cursor: (eventAt: Double, id: Int64), limit: Int) async throws
        -> [(id: Int64, dedupeKey: String, eventAt: Double)]
    {
        try await session.run(
            """
            SELECT id, dedupe_key, event_at FROM item
            WHERE event_at < \(time) AND (event_at, id) > (\(cursor.eventAt), \(cursor.id))
            ORDER BY event_at, id LIMIT \(limit)
            """
        ).map { row in
            let (id, key, eventAt) = try row.decode((Int64, String, Double).self)
            return (id: id, dedupeKey: key, eventAt: eventAt)
        }
    }

    func items(after cursor: Int64, limit: Int) async throws
        -> [(id: Int64, dedupeKey: String, eventAt: Double, firstSeenAt: Double)]
    {
        try await session.run(
            """
            SELECT id, dedupe_key, event_at, first_seen_at FROM item WHERE id > \(cursor) ORDER BY id LIMIT \(limit)
            """
        ).map { row in
            let (id, key, eventAt, firstSeenAt) = try row.decode((Int64, String, Double, Double).self)
            return (id: id, dedupeKey: key, eventAt: eventAt, firstSeenAt: firstSeenAt)
        }
    }

    func items(feedID: Int64, olderThan time: Double, after cursor: Int64, limit: Int) async throws
        -> [(id: Int64, dedupeKey: String)]
    {
        try await session.run(
            """
            SELECT id, dedupe_key FROM item
            WHERE feed_id = \(feedID) AND id > \(cursor)
                AND (event_at < \(time) OR first_seen_at < \(time - Analyzer.futureTolerance))
            ORDER BY id LIMIT \(limit)
            """
        ).map { row in
            let (id, key) = try row.decode((Int64, String).self)
            return (id: id, dedupeKey: key)
        }
    }

    func deleteItems(_ ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await session.run("DELETE FROM item WHERE id = ANY(\(ids))")
    }

    func forgetItems(olderThan time: Double, feedID: Int64?) async throws {
        if let feedID {
            try await session.run(
                """
                UPDATE feed SET pruned_before = \(time)
                WHERE id = \(feedID) AND (pruned_before IS NULL OR pruned_before < \(time))
                """
            )
        } else {
            try await session.run(
                """
                INSERT INTO retention_mark (name, pruned_before) VALUES ('items', \(time))
                ON CONFLICT (name) DO UPDATE
                    SET pruned_before = GREATEST(retention_mark.pruned_before, excluded.pruned_before)
                """
            )
        }
    }

    func forgottenBefore(feedIDs: [Int64]) async throws -> [Int64: Double] {
        let rows = try await session.run(
            """
            SELECT id, pruned_before FROM feed WHERE pruned_before IS NOT NULL AND id = ANY(\(feedIDs))
            UNION ALL SELECT NULL, pruned_before FROM retention_mark WHERE name = 'items'
            """
        )
        var everyFeed: Double?
        var times: [Int64: Double] = [:]
        for row in rows {
            let (id, time) = try row.decode((Int64?, Double).self)
            if let id { times[id] = max(times[id] ?? time, time) } else { everyFeed = time }
        }
        if let everyFeed {
            for id in feedIDs { times[id] = max(times[id] ?? everyFeed, everyFeed) }
        }
        return times
    }

    func feeds(holdingMoreThan maximum: Int) async throws -> [Int64] {
        try await session.run(
            "SELECT feed_id FROM item GROUP BY feed_id HAVING COUNT(*) > \(maximum) ORDER BY feed_id"
        ).map { try $0.decode(Int64.self) }
    }

    func itemTime(feedID: Int64, rank: Int) async throws -> Double? {
        let rows = try await session.run(
            """
            SELECT LEAST(event_at, first_seen_at + \(Analyzer.futureTolerance)) AS time FROM item
            WHERE feed_id = \(feedID) ORDER BY time DESC LIMIT 1 OFFSET \(rank - 1)
            """
        )
        return try rows.first?.decode(Double.self)
    }

    func alerts(olderThan time: Double, limit: Int) async throws -> [String] {
        try await session.run(
            """
            SELECT id FROM alert
            WHERE (event_at < \(time) OR created_at < \(time - Analyzer.futureTolerance))
                AND NOT EXISTS (SELECT 1 FROM delivery WHERE alert_id = alert.id AND state = 'pending')
            LIMIT \(limit)
            """
        ).map { try $0.decode(String.self) }
    }

    func deleteAlerts(_ ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        try await session.run("DELETE FROM delivery WHERE alert_id = ANY(\(ids))")
        try await session.run("DELETE FROM alert WHERE id = ANY(\(ids))")
    }
}
