public import FeedWatchCore
public import Foundation
import GRDB

extension SQLiteStore {
    public func pendingDeliveries(sink: String, limit: Int) async throws(StoreError) -> [PendingDelivery] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT payload, attempts, next_attempt_at FROM (
                        SELECT alert.payload, delivery.attempts, delivery.next_attempt_at, alert.event_at,
                            alert.rowid AS seq, ROW_NUMBER() OVER (
                                PARTITION BY alert.topic_id ORDER BY alert.event_at, alert.rowid
                            ) AS place
                        FROM delivery JOIN alert ON alert.id = delivery.alert_id
                        WHERE delivery.sink = ? AND delivery.state = 'pending'
                    )
                    ORDER BY place, event_at, seq LIMIT ?
                    """,
                arguments: [sink, limit]
            ).map { row in
                PendingDelivery(
                    alert: try self.decodeAlert(row["payload"]),
                    sink: sink,
                    attempts: row["attempts"],
                    nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"])
                )
            }
        }
    }

    public func lastDeliveredAt(sink: String, topics: [String]) async throws(StoreError) -> [String: Date] {
        guard !topics.isEmpty else { return [:] }
        return try await read { db in
            let marks = Array(repeating: "?", count: topics.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT alert.topic_id, MAX(delivery.delivered_at) AS last
                    FROM delivery JOIN alert ON alert.id = delivery.alert_id
                    WHERE delivery.sink = ? AND delivery.state = 'delivered' AND alert.topic_id IN (\(marks))
                    GROUP BY alert.topic_id
                    """,
                arguments: StatementArguments([sink] + topics)
            )
            var last: [String: Date] = [:]
            for row in rows {
                if let time = row["last"] as Double? { last[row["topic_id"]] = Date(timeIntervalSince1970: time) }
            }
            return last
        }
    }

    public func nextDeliveryDue(sinks: [String]) async throws(StoreError) -> Date? {
        guard !sinks.isEmpty else { return nil }
        return try await read { db in
            let marks = Array(repeating: "?", count: sinks.count).joined(separator: ",")
            return try Double.fetchOne(
                db,
                sql: "SELECT MIN(next_attempt_at) FROM delivery WHERE state = 'pending' AND sink IN (\(marks))",
                arguments: StatementArguments(sinks)
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func markDelivered(alertIDs: [String], sink: String, at: Date) async throws(StoreError) {
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE delivery SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL
                    WHERE alert_id = ? AND sink = ?
                    """
            )
            for alertID in alertIDs {
                try statement.execute(arguments: [at.timeIntervalSince1970, alertID, sink])
            }
        }
    }

    public func markFailed(alertIDs: [String], sink: String, error: String, retryAt: Date?) async throws(StoreError) {
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?,
                        next_attempt_at = COALESCE(?, next_attempt_at)
                    WHERE alert_id = ? AND sink = ?
                    """
            )
            for alertID in alertIDs {
                try statement.execute(
                    arguments: [
                        retryAt == nil ? "dead" : "pending", error, retryAt?.timeIntervalSince1970, alertID, sink,
                    ]
                )
            }
        }
    }

    public func alerts(limit: Int) async throws(StoreError) -> [Alert] {
        let payloads = try await read { db in
            try String.fetchAll(
                db,
                sql: "SELECT payload FROM alert ORDER BY event_at DESC, created_at DESC, id LIMIT ?",
                arguments: [limit]
            )
        }
        return try payloads.map { payload throws(StoreError) in try decodeAlert(payload) }
    }

    public func deliveryStates(sink: String) async throws(StoreError) -> [String: DeliveryState] {
        try await read { db in
            var states: [String: DeliveryState] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT alert_id, state FROM delivery WHERE sink = ?",
                arguments: [sink]
            ) {
                let id: String = row["alert_id"]
                let state: String = row["state"]
                states[id] = DeliveryState(rawValue: state) ?? .pending
            }
            return states
        }
    }
}
