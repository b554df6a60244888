public import FeedWatchCore
public import Foundation

/// The outbox: stored alerts and their deliveries to each sink, which the delivery loop drains in order.
public protocol OutboxStore: Sendable {
    /// Up to `limit` pending deliveries to `sink`, due or not (the dispatcher decides what goes now): each topic's in
    /// event-time order, and the heads of every topic before any topic's second, so a topic with many held-back
    /// deliveries (a digest, a cooldown, a retry) never hides the others.
    func pendingDeliveries(sink: String, limit: Int) async throws(StoreError) -> [PendingDelivery]

    /// When `sink` last received an alert of each of `topics` (topics it never received are left out).
    func lastDeliveredAt(sink: String, topics: [String]) async throws(StoreError) -> [String: Date]

    /// The earliest time a pending delivery to any of `sinks` becomes due, if any is pending.
    func nextDeliveryDue(sinks: [String]) async throws(StoreError) -> Date?

    /// Marks deliveries done, in one transaction (a digest settles all its alerts at once).
    func markDelivered(alertIDs: [String], sink: String, at: Date) async throws(StoreError)

    /// Records a failed attempt at these deliveries, in one transaction: they are retried at `retryAt`, or dead
    /// when `retryAt` is `nil`.
    func markFailed(alertIDs: [String], sink: String, error: String, retryAt: Date?) async throws(StoreError)

    /// Stored alerts, newest event first.
    func alerts(limit: Int) async throws(StoreError) -> [Alert]

    /// The delivery state of every alert for `sink`, by alert id.
    func deliveryStates(sink: String) async throws(StoreError) -> [String: DeliveryState]

    /// Alerts with at least one delivery in `state` (any state when `nil`), newest event first, with all their
    /// deliveries.
    func alerts(withDeliveriesIn state: DeliveryState?, limit: Int) async throws(StoreError) -> [AlertRecord]

    /// One alert with its deliveries, or `nil` when no alert has this id.
    func alert(id: String) async throws(StoreError) -> AlertRecord?

    /// Makes an alert's dead or pending deliveries due again at `now`, with a fresh attempt count.
    ///
    /// - Returns: How many deliveries were requeued.
    @discardableResult
    func requeue(alertID: String, now: Date) async throws(StoreError) -> Int

    /// Makes every dead delivery due again at `now`, with a fresh attempt count.
    ///
    /// - Returns: How many deliveries were requeued.
    @discardableResult
    func requeueDead(now: Date) async throws(StoreError) -> Int

    /// How many deliveries are pending, across all sinks.
    func pendingDeliveryCount() async throws(StoreError) -> Int
}
