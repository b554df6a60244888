public import FeedWatchCore
public import Foundation
import GRDB

extension SQLiteStore {
    public func alerts(withDeliveriesIn state: DeliveryState?, limit: Int) async throws(StoreError) -> [AlertRecord] {
        let rows = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT alert.id, alert.payload FROM alert
                    WHERE ? IS NULL OR EXISTS (SELECT 1 FROM delivery WHERE alert_id = alert.id AND state = ?)
                    ORDER BY alert.event_at DESC, alert.rowid DESC LIMIT ?
                    """,
                arguments: [state?.rawValue, state?.rawValue, limit]
            ).map { row in (id: row["id"] as String, payload: row["payload"] as String) }
        }
        var records: [AlertRecord] = []
        for (id, payload) in rows {
            records.append(AlertRecord(alert: try decodeAlert(payload), deliveries: try await deliveries(of: id)))
        }
        return records
    }

    public func alert(id: String) async throws(StoreError) -> AlertRecord? {
        let payload = try await read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM alert WHERE id = ?", arguments: [id])
        }
        guard let payload else { return nil }
        return AlertRecord(alert: try decodeAlert(payload), deliveries: try await deliveries(of: id))
    }

    @discardableResult
    public func requeue(alertID: String, now: Date) async throws(StoreError) -> Int {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ?
                    WHERE alert_id = ? AND state != 'delivered'
                    """,
                arguments: [now.timeIntervalSince1970, alertID]
            )
            return db.changesCount
        }
    }

    @discardableResult
    public func requeueDead(now: Date) async throws(StoreError) -> Int {
        try await write { db in
            try db.execute(
                sql: "UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE state = 'dead'",
                arguments: [now.timeIntervalSince1970]
            )
            return db.changesCount
        }
    }

    private func deliveries(of alertID: String) async throws(StoreError) -> [DeliveryRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM delivery WHERE alert_id = ? ORDER BY sink",
                arguments: [alertID]
            ).map { row in
                DeliveryRecord(
                    sink: row["sink"],
                    state: DeliveryState(rawValue: row["state"]) ?? .pending,
                    attempts: row["attempts"],
                    nextAttemptAt: (row["next_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastError: row["last_error"],
                    deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
        }
    }
}
