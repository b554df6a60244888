public import FeedWatchCore
public import Foundation
import GRDB

extension SQLiteStore: ViewStore {
    public func alerts(matching query: AlertQuery) async throws(StoreError) -> AlertPage {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let topic = query.topic {
            conditions.append("topic_id = ?")
            arguments += [topic]
        }
        if !query.kinds.isEmpty {
            conditions.append("kind IN (SELECT value FROM json_each(?))")
            arguments += [Self.jsonStrings(query.kinds.map(\.rawValue))]
        }
        if let since = query.since {
            conditions.append("event_at >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = query.oldestFirst ? "event_at, rowid" : "event_at DESC, rowid DESC"
        let filterArguments = arguments
        let (rows, total) = try await read { db in
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert \(filter)", arguments: filterArguments) ?? 0
            var page = filterArguments
            page += [query.limit, query.offset]
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, payload FROM alert \(filter) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: page
            )
            return (rows.map { row -> (String, String) in (row["id"], row["payload"]) }, total)
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
        let rows = try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM delivery WHERE alert_id IN (SELECT value FROM json_each(?)) ORDER BY sink",
                arguments: [Self.jsonStrings(alertIDs)]
            ).map { row -> (String, DeliveryRecord) in
                (
                    row["alert_id"],
                    DeliveryRecord(
                        sink: row["sink"],
                        state: DeliveryState(rawValue: row["state"]) ?? .pending,
                        attempts: row["attempts"],
                        nextAttemptAt: (row["next_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                        lastError: row["last_error"],
                        deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                    )
                )
            }
        }
        var records: [String: [DeliveryRecord]] = [:]
        for (alertID, record) in rows {
            records[alertID, default: []].append(record)
        }
        return records
    }

    public func articleOutlets(keys: [String]) async throws(StoreError) -> [String: ArticleOutlets] {
        guard !keys.isEmpty else { return [:] }
        return try await read { db in
            let own = try Row.fetchAll(
                db,
                sql: """
                    SELECT item.id, item.dedupe_key, item.content_hash, COALESCE(feed.name, feed.url) AS outlet
                    FROM item JOIN feed ON feed.id = item.feed_id
                    WHERE item.dedupe_key IN (SELECT value FROM json_each(?))
                    """,
                arguments: [Self.jsonStrings(keys)]
            ).map { row -> (id: Int64, key: String, hash: String, outlet: String) in
                (row["id"], row["dedupe_key"], row["content_hash"], row["outlet"])
            }
            let hashes = Array(Set(own.map(\.hash)))
            let copies = try Row.fetchAll(
                db,
                sql: """
                    SELECT item.id, item.content_hash, COALESCE(feed.name, feed.url) AS outlet
                    FROM item JOIN feed ON feed.id = item.feed_id
                    WHERE item.content_hash IN (SELECT value FROM json_each(?))
                    """,
                arguments: [Self.jsonStrings(hashes)]
            ).map { row -> (id: Int64, hash: String, outlet: String) in
                (row["id"], row["content_hash"], row["outlet"])
            }
            return ArticleOutlets.group(own: own, copies: copies)
        }
    }

    public func items(afterID: Int64, since: Date?, limit: Int) async throws(StoreError) -> [IndexedItem] {
        let decoder = JSONDecoder()
        return try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT item.*, feed.url AS feed_url, feed.name AS feed_name FROM item
                    JOIN feed ON feed.id = item.feed_id
                    WHERE item.id > ? AND item.event_at >= ?
                    ORDER BY item.id LIMIT ?
                    """,
                arguments: [afterID, since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude, limit]
            )
            return rows.map { row in
                IndexedItem(
                    id: row["id"],
                    eventAt: (row["event_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                        ?? Date(timeIntervalSince1970: 0),
                    stored: Self.storedItem(row, decoder: decoder)
                )
            }
        }
    }

    /// A JSON array of strings, for `json_each`.
    private static func jsonStrings(_ values: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
    }

    /// The indexes the views read through: a topic's alerts and one kind's alerts in event-time order.
    static let viewIndexes = """
        CREATE INDEX alert_topic_event_at ON alert (topic_id, event_at);
        CREATE INDEX alert_kind_event_at ON alert (kind, event_at);
        """
}
