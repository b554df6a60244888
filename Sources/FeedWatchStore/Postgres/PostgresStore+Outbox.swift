public import FeedWatchCore
public import Foundation
import PostgresNIO

extension PostgresStore {
    public func pendingDeliveries(sink: String, limit: Int) async throws(StoreError) -> [PendingDelivery] {
        let rows = try await read { session in
            try await session.run(
                """
                SELECT payload, attempts, next_attempt_at FROM (
                    SELECT alert.payload, delivery.attempts, delivery.next_attempt_at, alert.event_at, alert.seq,
                        ROW_NUMBER() OVER (PARTITION BY alert.topic_id ORDER BY alert.event_at, alert.seq) AS place
                    FROM delivery JOIN alert ON alert.id = delivery.alert_id
                    WHERE delivery.sink = \(sink) AND delivery.state = 'pending'
                ) AS pending
                ORDER BY place, event_at, seq LIMIT \(limit)
                """
            ).map { try $0.decode((String, Int, Double).self) }
        }
        return try rows.map { payload, attempts, nextAttempt throws(StoreError) in
            PendingDelivery(
                alert: try decodeAlert(payload),
                sink: sink,
                attempts: attempts,
                nextAttemptAt: Date(timeIntervalSince1970: nextAttempt)
            )
        }
    }

    public func lastDeliveredAt(sink: String, topics: [String]) async throws(StoreError) -> [String: Date] {
        guard !topics.isEmpty else { return [:] }
        let rows = try await read { session in
            try await session.run(
                """
                SELECT alert.topic_id, MAX(delivery.delivered_at)
                FROM delivery JOIN alert ON alert.id = delivery.alert_id
                WHERE delivery.sink = \(sink) AND delivery.state = 'delivered' AND alert.topic_id = ANY(\(topics))
                GROUP BY alert.topic_id
                """
            ).map { try $0.decode((String, Double?).self) }
        }
        var last: [String: Date] = [:]
        for (topic, time) in rows {
            if let time { last[topic] = Date(timeIntervalSince1970: time) }
        }
        return last
    }

    public func nextDeliveryDue(sinks: [String]) async throws(StoreError) -> Date? {
        guard !sinks.isEmpty else { return nil }
        return try await read { session in
            try await session.run(
                "SELECT MIN(next_attempt_at) FROM delivery WHERE state = 'pending' AND sink = ANY(\(sinks))"
            ).first?.decode(Double?.self).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func markDelivered(alertIDs: [String], sink: String, at: Date) async throws(StoreError) {
        guard !alertIDs.isEmpty else { return }
        try await write { session in
            _ = try await session.run(
                """
                UPDATE delivery SET state = 'delivered', delivered_at = \(at.timeIntervalSince1970),
                    attempts = attempts + 1, last_error = NULL
                WHERE alert_id = ANY(\(alertIDs)) AND sink = \(sink)
                """
            )
        }
    }

    public func markFailed(alertIDs: [String], sink: String, error: String, retryAt: Date?) async throws(StoreError) {
        guard !alertIDs.isEmpty else { return }
        try await write { session in
            _ = try await session.run(
                """
                UPDATE delivery SET state = \(retryAt == nil ? "dead" : "pending"), attempts = attempts + 1,
                    last_error = \(error), next_attempt_at = COALESCE(\(retryAt?.timeIntervalSince1970), next_attempt_at)
                WHERE alert_id = ANY(\(alertIDs)) AND sink = \(sink)
                """
            )
        }
    }

    public func alerts(limit: Int) async throws(StoreError) -> [Alert] {
        let payloads = try await read { session in
            try await session.run(
                "SELECT payload FROM alert ORDER BY event_at DESC, created_at DESC, id LIMIT \(limit)"
            )
            .map { try $0.decode(String.self) }
        }
        return try payloads.map { payload throws(StoreError) in try decodeAlert(payload) }
    }

    public func deliveryStates(sink: String) async throws(StoreError) -> [String: DeliveryState] {
        let rows = try await read { session in
            try await session.run("SELECT alert_id, state FROM delivery WHERE sink = \(sink)")
                .map { try $0.decode((String, String).self) }
        }
        var states: [String: DeliveryState] = [:]
        for (id, state) in rows {
            states[id] = DeliveryState(rawValue: state) ?? .pending
        }
        return states
    }

    public func alerts(withDeliveriesIn state: DeliveryState?, limit: Int) async throws(StoreError) -> [AlertRecord] {
        let rows = try await read { session in
            try await session.run(
                """
                SELECT alert.id, alert.payload FROM alert
                WHERE \(state?.rawValue)::TEXT IS NULL
                    OR EXISTS (SELECT 1 FROM delivery WHERE alert_id = alert.id AND state = \(state?.rawValue))
                ORDER BY alert.event_at DESC, alert.seq DESC LIMIT \(limit)
                """
            ).map { try $0.decode((String, String).self) }
        }
        var records: [AlertRecord] = []
        for (id, payload) in rows {
            records.append(AlertRecord(alert: try decodeAlert(payload), deliveries: try await deliveries(of: id)))
        }
        return records
    }

    public func alert(id: String) async throws(StoreError) -> AlertRecord? {
        let payload = try await read { session in
            try await session.run("SELECT payload FROM alert WHERE id = \(id)").first?.decode(String.self)
        }
        guard let payload else { return nil }
        return AlertRecord(alert: try decodeAlert(payload), deliveries: try await deliveries(of: id))
    }

    @discardableResult
    public func requeue(alertID: String, now: Date) async throws(StoreError) -> Int {
        try await write { session in
            try await session.changes(
                """
                UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = \(now.timeIntervalSince1970)
                WHERE alert_id = \(alertID) AND state != 'delivered'
                """
            )
        }
    }

    @discardableResult
    public func requeueDead(now: Date) async throws(StoreError) -> Int {
        try await write { session in
            try await session.changes(
                """
                UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = \(now.timeIntervalSince1970)
                WHERE state = 'dead'
                """
            )
        }
    }

    private func deliveries(of alertID: String) async throws(StoreError) -> [DeliveryRecord] {
        let rows = try await read { session in
            try await session.run(
                """
                SELECT sink, state, attempts, next_attempt_at, last_error, delivered_at
                FROM delivery WHERE alert_id = \(alertID) ORDER BY sink
                """
            ).map { try $0.decode((String, String, Int, Double?, String?, Double?).self) }
        }
        return rows.map { sink, state, attempts, nextAttempt, lastError, deliveredAt in
            DeliveryRecord(
                sink: sink,
                state: DeliveryState(rawValue: state) ?? .pending,
                attempts: attempts,
                nextAttemptAt: nextAttempt.map(Date.init(timeIntervalSince1970:)),
                lastError: lastError,
                deliveredAt: deliveredAt.map(Date.init(timeIntervalSince1970:))
            )
        }
    }
}
