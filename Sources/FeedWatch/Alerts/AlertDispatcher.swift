public import Foundation
public import Logging

/// Delivers alerts from the store's outbox to every sink, in event-time order per sink, with retries.
///
/// A sink's batch stops at its first failed delivery, so a later alert never overtakes an earlier one that is
/// waiting for a retry.
public struct AlertDispatcher: Sendable {
    private let store: any Store
    private let sinks: [any AlertSink]
    private let retryPolicy: RetryPolicy
    private let logger: Logger
    private let metrics: FeedWatchMetrics?
    private let instance: String

    /// Creates a dispatcher.
    ///
    /// - Parameters:
    ///   - store: The store holding the outbox.
    ///   - sinks: The configured sinks.
    ///   - retryPolicy: When failed deliveries are retried.
    ///   - logger: Where delivery outcomes are logged.
    ///   - metrics: Where delivery outcomes and latencies are counted.
    ///   - instance: This process's name in the sink leases it takes when the store is shared.
    public init(
        store: any Store,
        sinks: [any AlertSink],
        retryPolicy: RetryPolicy = RetryPolicy(),
        logger: Logger,
        metrics: FeedWatchMetrics? = nil,
        instance: String = InstanceIdentity.make()
    ) {
        self.instance = instance
        self.store = store
        self.sinks = sinks
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.metrics = metrics
    }

    /// The names of the sinks, which each new alert is queued for.
    public var sinkNames: [String] { sinks.map(\.name) }

    /// Delivers every delivery that is due.
    ///
    /// - Parameter now: The current time.
    /// - Returns: How many deliveries arrived.
    /// - Throws: ``StoreError`` when the outbox cannot be read or updated.
    @discardableResult
    public func deliverDue(now: Date = Date()) async throws(StoreError) -> Int {
        var delivered = 0
        for sink in sinks {
            delivered += try await deliverDue(to: sink, now: now)
        }
        return delivered
    }

    /// The earliest time a pending delivery becomes due, if any.
    ///
    /// - Throws: ``StoreError`` when the outbox cannot be read.
    public func nextDue() throws(StoreError) -> Date? {
        try store.nextDeliveryDue(sinks: sinkNames)
    }

    /// How long a sink stays leased to this instance after its last renewal.
    static let sinkLease: TimeInterval = 120

    private func holdSinkLease(_ sink: String) throws(StoreError) -> Bool {
        let now = Date()
        return try store.claimLease(
            "sink:" + sink,
            owner: instance,
            now: now,
            until: now.addingTimeInterval(Self.sinkLease)
        )
    }

    private func deliverDue(to sink: any AlertSink, now: Date) async throws(StoreError) -> Int {
        var delivered = 0
        while !Task.isCancelled {
            let due = try store.dueDeliveries(sink: sink.name, now: now, limit: 100)
            if due.isEmpty { return delivered }
            for pending in due {
                if Task.isCancelled { return delivered }
                // On a shared store one instance at a time drains a sink, so alerts keep their order and none is
                // sent twice; the lease is renewed before every attempt and lapses if this instance dies.
                if store.sharesWork, try !holdSinkLease(sink.name) { return delivered }
                let outcome = await sink.deliver(pending.alert)
                metrics?.recordDelivery(sink: sink.name, outcome: outcome, createdAt: pending.alert.createdAt)
                var metadata: Logger.Metadata = [
                    "alert": "\(pending.alert.id)", "topic": "\(pending.alert.topic)", "sink": "\(sink.name)",
                ]
                switch outcome {
                case .delivered:
                    try store.markDelivered(alertID: pending.alert.id, sink: sink.name, at: Date())
                    logger.debug("alert delivered", metadata: metadata)
                    delivered += 1
                case .retry(let reason, let after):
                    let retryAt = retryPolicy.nextAttempt(after: pending.attempts + 1, now: Date(), requested: after)
                    try store.markFailed(alertID: pending.alert.id, sink: sink.name, error: reason, retryAt: retryAt)
                    metadata["error"] = "\(reason)"
                    if let retryAt {
                        metadata["retry_at"] = "\(retryAt.formatted(.iso8601))"
                        logger.warning("alert delivery failed, will retry", metadata: metadata)
                    } else {
                        logger.error("alert delivery failed too often, giving up", metadata: metadata)
                    }
                    return delivered
                case .dead(let reason):
                    try store.markFailed(alertID: pending.alert.id, sink: sink.name, error: reason, retryAt: nil)
                    metadata["error"] = "\(reason)"
                    logger.error("alert delivery refused by the receiver, giving up", metadata: metadata)
                }
            }
        }
        return delivered
    }
}
