public import FeedWatchCore
public import Foundation
import PostgresNIO

extension PostgresStore: ViewStore {
    public func alerts(matching query: AlertQuery) async throws(StoreError) -> AlertPage {
        let topic = query.topic
        let kinds = query.kinds.map(\.rawValue)
        let since = query.since?.timeIntervalSince1970
        let order = query.oldestFirst ? "event_at, seq" : "event_at DESC, seq DESC"
        let (rows, total) = try await read { session in
            // One statement shape for every filter: a missing filter's parameter is NULL (or an empty array).
            let total =
                try await session.run(
                    """
                    SELECT COUNT(*) FROM alert
                    WHERE (\(topic)::TEXT IS NULL OR topic_id = \(topic))
                        AND (cardinality(\(kinds)::TEXT[]) = 0 OR kind = ANY(\(kinds)))
                        AND (\(since)::DOUBLE PRECISION IS NULL OR event_at >= \(since))
                    """
                ).first?.decode(Int.self) ?? 0
            let rows = try await session.run(
                """
                SELECT id, payload FROM alert
                WHERE (\(topic)::TEXT IS NULL OR topic_id = \(topic))
                    AND (cardinality(\(kinds)::TEXT[]) = 0 OR kind = ANY(\(kinds)))
                    AND (\(since)::DOUBLE PRECISION IS NULL OR event_at >= \(since))
                ORDER BY \(unescaped: order) LIMIT \(query.limit) OFFSET \(query.offset)
                """
            ).map { try $0.decode((String, String).self) }
            return (rows, total)
        }
        let deliveries = query.withDeliveries ? try await deliveries(of: rows.map(\.0)) : [:]
        let records = try rows.map { id, payload throws(StoreError) in
            AlertRecord(alert: try decodeAlert(payload), deliveries: deliveries[id] ?? [])
        }
        return AlertPage(records: records, total: total)
    }

    /// The deliveries of several alerts, read in one query, by alert id and then sink.
    private func deliveries(of alertIDs: [String]) async throws(StoreError) -> [String: [DeliveryRecord]] {
        guard !alertIDs.isEmpty else { return [:] }
        let rows = try await read { session in
            try await session.run(
                """
                SELECT alert_id, sink, state, attempts, next_attempt_at, last_error, delivered_at
                FROM delivery WHERE alert_id = ANY(\(alertIDs)) ORDER BY sink
                """
            ).map { try $0.decode((String, String, String, Int, Double?, String?, Double?).self) }
        }
        var records: [String: [DeliveryRecord]] = [:]
        for (alertID, sink, state, attempts, next, error, delivered) in rows {
            records[alertID, default: []].append(
                DeliveryRecord(
                    sink: sink,
                    state: DeliveryState(rawValue: state) ?? .pending,
                    attempts: attempts,
                    nextAttemptAt: next.map(Date.init(timeIntervalSince1970:)),
                    lastError: error,
                    deliveredAt: delivered.map(Date.init(timeIntervalSince1970:))
                )
            )
        }
        return records
    }

    public func articleOutlets(keys: [String]) async throws(StoreError) -> [String: ArticleOutlets] {
        guard !keys.isEmpty else { return [:] }
        return try await read { session in
            let own = try await session.run(
                """
                SELECT item.id, item.dedupe_key, item.content_hash, COALESCE(feed.name, feed.url)
                FROM item JOIN feed ON feed.id = item.feed_id
                WHERE item.dedupe_key = ANY(\(keys))
                """
            ).map { row -> (id: Int64, key: String, hash: String, outlet: String) in
                try row.decode((Int64, String, String, String).self)
            }
            let hashes = Array(Set(own.map(\.hash)))
            let copies = try await session.run(
                """
                SELECT item.id, item.content_hash, COALESCE(feed.name, feed.url)
                FROM item JOIN feed ON feed.id = item.feed_id
                WHERE item.content_hash = ANY(\(hashes))
                """
            ).map { row -> (id: Int64, hash: String, outlet: String) in
                try row.decode((Int64, String, String).self)
            }
            return ArticleOutlets.group(own: own, copies: copies)
        }
    }

    public func items(afterID: Int64, since: Date?, limit: Int) async throws(StoreError) -> [IndexedItem] {
        let decoder = JSONDecoder()
        let lower = since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
        return try await read { session in
            let rows = try await session.run(
                """
                SELECT item.guid, item.title, item.link, item.published_at, item.updated_at, item.summary,
                    item.content, item.authors, item.categories, item.feed_id, feed.url, feed.name,
                    item.first_seen_at, item.id, item.event_at
                FROM item JOIN feed ON feed.id = item.feed_id
                WHERE item.id > \(afterID) AND item.event_at >= \(lower)
                ORDER BY item.id LIMIT \(limit)
                """
            )
            return try rows.map { row in
                let row = row.makeRandomAccess()
                return IndexedItem(
                    id: try row[13].decode(Int64.self),
                    eventAt: try row[14].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
                        ?? Date(timeIntervalSince1970: 0),
                    stored: try Self.storedItem(row, decoder: decoder)
                )
            }
        }
    }

    /// The indexes the views read through: a topic's alerts and one kind's alerts in event-time order.
    static let viewIndexes: [PostgresQuery] = [
        "CREATE INDEX alert_topic_event_at ON alert (topic_id, event_at)",
        "CREATE INDEX alert_kind_event_at ON alert (kind, event_at)",
    ]
}
