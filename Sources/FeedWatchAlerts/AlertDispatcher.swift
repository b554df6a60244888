public import FeedWatchConfig
public import FeedWatchCore
public import FeedWatchObservability
public import FeedWatchStore
public import Foundation
public import Logging
import Synchronization

/// Delivers alerts from the store's outbox to every sink, in event-time order per topic, with retries, and batches
/// the alerts of topics with a `digest` or `cooldown` into digests.
///
/// A delivery waiting for its retry holds back the later alerts of its topic to that sink, so an alert never
/// overtakes an earlier one of its topic; other topics go on.
public struct AlertDispatcher: Sendable {
    private let store: any OutboxStore & WorkSharingStore
    private let sinks: [any AlertSink]
    private let retryPolicy: RetryPolicy
    private let limits: [String: SinkRules]
    private let grouping: GroupingTable
    private let logger: Logger
    private let metrics: FeedWatchMetrics?
    private let instance: String
    private let unrecorded = UnrecordedDeliveries()

    /// Creates a dispatcher.
    ///
    /// - Parameters:
    ///   - store: The outbox, and the sink leases that keep one instance per sink when the store is shared.
    ///   - sinks: The configured sinks.
    ///   - retryPolicy: When failed deliveries are retried (the backoff, and the limits of sinks not in `limits`).
    ///   - limits: Sinks' own `max_attempts` and `max_age`, by sink name.
    ///   - grouping: Each topic's grouping (`digest` or `cooldown`); topics not listed are sent one alert at a time.
    ///   - logger: Where delivery outcomes are logged.
    ///   - metrics: Where delivery outcomes and latencies are counted.
    ///   - instance: This process's name in the sink leases it takes when the store is shared.
    ///   - sinkLease: How long a sink stays leased to this instance after its last message, when the store is shared:
    ///     if the instance dies, another one drains the sink after this long.
    public init(
        store: any OutboxStore & WorkSharingStore,
        sinks: [any AlertSink],
        retryPolicy: RetryPolicy = RetryPolicy(),
        limits: [String: SinkRules] = [:],
        grouping: [String: AlertGrouping] = [:],
        logger: Logger,
        metrics: FeedWatchMetrics? = nil,
        instance: String = InstanceIdentity.make(),
        sinkLease: TimeInterval = 120
    ) {
        self.instance = instance
        self.sinkLease = sinkLease
        self.store = store
        self.sinks = sinks
        self.retryPolicy = retryPolicy
        self.limits = limits
        self.grouping = GroupingTable(grouping)
        self.logger = logger
        self.metrics = metrics
    }

    /// The names of the sinks.
    public var sinkNames: [String] { sinks.map(\.name) }

    /// How many deliveries arrived at their sink while the store could not record them (recorded, and never sent
    /// again, once it can).
    public var unrecordedCount: Int { unrecorded.count }

    /// Replaces the topics' groupings (on a configuration reload); alerts already held are planned by the new ones.
    ///
    /// - Parameter grouping: Each topic's grouping; topics not listed are sent one alert at a time.
    public func regroup(_ grouping: [String: AlertGrouping]) {
        self.grouping.replace(with: grouping)
    }

    /// Delivers every message that is due.
    ///
    /// - Parameter now: The current time.
    /// - Returns: How many alerts arrived (a digest counts each alert it carries).
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
    public func nextDue() async throws(StoreError) -> Date? {
        try await store.nextDeliveryDue(sinks: sinkNames)
    }

    /// How long a sink stays leased to this instance after its last renewal.
    private let sinkLease: TimeInterval

    private func holdSinkLease(_ sink: String) async throws(StoreError) -> Bool {
        let now = Date()
        return try await store.claimLease(
            "sink:" + sink,
            owner: instance,
            now: now,
            until: now.addingTimeInterval(sinkLease)
        )
    }

    private func deliverDue(to sink: any AlertSink, now: Date) async throws(StoreError) -> Int {
        // Deliveries that arrived but could not be recorded are recorded first: until they are, nothing more goes to
        // the sink, so none is sent twice and the sink's order holds.
        try await recordUnrecorded(sink: sink.name)
        var delivered = 0
        while !Task.isCancelled {
            let planner = DeliveryPlanner(grouping: grouping.current)
            let pending = try await store.pendingDeliveries(sink: sink.name, limit: 500)
            let cooldownTopics = Set(planner.cooldownTopics).intersection(pending.map(\.alert.topic))
            let lastSent = try await store.lastDeliveredAt(sink: sink.name, topics: cooldownTopics.sorted())
            let messages = planner.plan(pending, lastSent: lastSent, now: now)
            if messages.isEmpty { return delivered }
            var stoppedTopics: Set<String> = []
            for message in messages where !stoppedTopics.contains(message.alert.topic) {
                if Task.isCancelled { return delivered }
                // On a shared store one instance at a time drains a sink, so alerts keep their order and none is
                // sent twice; the lease is renewed before every message and lapses if this instance dies.
                if store.sharesWork, try await !holdSinkLease(sink.name) { return delivered }
                switch try await send(message, to: sink) {
                case .delivered: delivered += message.deliveries.count
                case .retrying: stoppedTopics.insert(message.alert.topic)
                case .dead: break
                }
            }
            if stoppedTopics.count == Set(messages.map(\.alert.topic)).count { return delivered }
        }
        return delivered
    }

    /// Records the deliveries to `sink` that arrived while the store could not record them.
    ///
    /// - Throws: ``StoreError`` when the store still cannot; they stay in memory for the next round.
    private func recordUnrecorded(sink: String) async throws(StoreError) {
        for entry in unrecorded.pending(sink: sink) {
            try await store.markDelivered(alertIDs: entry.alertIDs, sink: sink, at: entry.at)
            unrecorded.remove(entry)
            logger.info(
                "delivery recorded after the store recovered",
                metadata: ["sink": "\(sink)", "alerts": "\(entry.alertIDs.count)"]
            )
        }
    }

    /// What became of one message.
    private enum Settled {
        case delivered, retrying, dead
    }

    /// Sends one message and records its outcome for every delivery it carries.
    private func send(_ message: DeliveryPlanner.Message, to sink: any AlertSink) async throws(StoreError) -> Settled {
        let alert = message.alert
        let ids = message.deliveries.map(\.alert.id)
        let outcome = await sink.deliver(alert)
        for delivery in message.deliveries {
            metrics?.recordDelivery(sink: sink.name, outcome: outcome, createdAt: delivery.alert.createdAt)
        }
        var metadata: Logger.Metadata = ["alert": "\(alert.id)", "topic": "\(alert.topic)", "sink": "\(sink.name)"]
        if alert.kind == .digest { metadata["alerts"] = "\(ids.count)" }
        switch outcome {
        case .delivered:
            let entry = UnrecordedDeliveries.Entry(alertIDs: ids, sink: sink.name, at: Date())
            do throws(StoreError) {
                try await store.markDelivered(alertIDs: ids, sink: sink.name, at: entry.at)
            } catch {
                unrecorded.add(entry)
                metadata["error"] = "\(error)"
                logger.warning(
                    "alert delivered but not recorded: kept in memory, recorded (not sent again) once the store works",
                    metadata: metadata
                )
                throw error
            }
            logger.debug("alert delivered", metadata: metadata)
            return .delivered
        case .retry(let reason, let after):
            var policy = retryPolicy
            if let rules = limits[sink.name] {
                policy.maximumAttempts = rules.maxAttempts
                policy.maximumAge = rules.maxAge
            }
            let attempts = (message.deliveries.map(\.attempts).max() ?? 0) + 1
            let retryAt = policy.nextAttempt(
                after: attempts,
                now: Date(),
                requested: after,
                raisedAt: message.deliveries.map(\.alert.createdAt).min()
            )
            metadata["error"] = "\(reason)"
            if let retryAt {
                try await store.markFailed(alertIDs: ids, sink: sink.name, error: reason, retryAt: retryAt)
                metadata["retry_at"] = "\(retryAt.formatted(.iso8601))"
                logger.warning("alert delivery failed, will retry", metadata: metadata)
                return .retrying
            }
            let giveUp = policy.givingUpReason(after: attempts)
            try await store.markFailed(alertIDs: ids, sink: sink.name, error: "\(reason); \(giveUp)", retryAt: nil)
            metadata["reason"] = "\(giveUp)"
            logger.error("alert delivery failed too often, giving up", metadata: metadata)
            return .dead
        case .dead(let reason):
            try await store.markFailed(alertIDs: ids, sink: sink.name, error: reason, retryAt: nil)
            metadata["error"] = "\(reason)"
            logger.error("alert delivery refused by the receiver, giving up", metadata: metadata)
            return .dead
        }
    }
}

/// The topics' groupings, replaceable while deliveries run.
private final class GroupingTable: Sendable {
    private let table: Mutex<[String: AlertGrouping]>

    init(_ grouping: [String: AlertGrouping]) {
        table = Mutex(grouping)
    }

    var current: [String: AlertGrouping] { table.withLock { $0 } }

    func replace(with grouping: [String: AlertGrouping]) {
        table.withLock { $0 = grouping }
    }
}
