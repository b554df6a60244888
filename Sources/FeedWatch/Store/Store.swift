public import Foundation

/// Everything feedwatch persists, behind one boundary: no SQL lives outside `Store/`.
///
/// The pipeline is the only writer of items and topic state. ``ingest(_:topicStates:alerts:sinks:)`` writes an
/// item, the topic states it changed and the alerts it raised (with one pending delivery per sink) in one
/// transaction, so a crash never leaves an alert without its item or an item without its alerts.
public protocol Store: Sendable {
    /// Makes the stored feed list match the configuration: adds new feeds (due at once), updates names, and keeps
    /// the state of feeds that stay. Feeds no longer configured are kept (their history stays) but not returned.
    ///
    /// - Parameters:
    ///   - feeds: The configured feeds.
    ///   - now: The time new feeds become due.
    /// - Returns: The configured feeds' records, in configuration order.
    func syncFeeds(_ feeds: [FeedConfiguration], now: Date) throws(StoreError) -> [FeedRecord]

    /// All stored feeds, by id.
    func feeds() throws(StoreError) -> [FeedRecord]

    /// Records a poll's outcome: validators, status, error and the next poll time.
    ///
    /// - Parameters:
    ///   - result: The fetch result.
    ///   - succeeded: Whether the poll counts as a success (a usable body or a 304).
    ///   - error: The error shown to users, if the poll failed.
    ///   - nextPollAt: When the feed is next due.
    func recordPoll(_ result: FetchResult, succeeded: Bool, error: String?, nextPollAt: Date) throws(StoreError)

    /// Which of `keys` this feed already holds.
    func existingKeys(feedID: Int64, keys: [String]) throws(StoreError) -> Set<String>

    /// Whether another feed already holds an item with this dedupe key (when given) or content hash: a
    /// syndicated copy.
    func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) throws(StoreError) -> Bool

    /// Every topic's stored state, by topic id.
    func topicStates() throws(StoreError) -> [String: TopicState]

    /// Stores a new item with the topic states it changed and the alerts it raised, in one transaction.
    ///
    /// - Parameters:
    ///   - item: The analyzed item.
    ///   - topicStates: The states of the topics the item changed.
    ///   - alerts: The alerts the item raised; an alert whose id is already stored is not stored again.
    ///   - sinks: The sinks each new alert is queued for.
    /// - Returns: `false` when the feed already held the item (nothing was written).
    @discardableResult
    func ingest(_ item: AnalyzedItem, topicStates: [TopicState], alerts: [Alert], sinks: [String]) throws(StoreError)
        -> Bool

    /// The pending deliveries to `sink` in event-time order, up to the first that is not due at `now`, so a
    /// delivery waiting for its retry holds back the ones after it.
    func dueDeliveries(sink: String, now: Date, limit: Int) throws(StoreError) -> [PendingDelivery]

    /// The earliest time a pending delivery to any of `sinks` becomes due, if any is pending.
    func nextDeliveryDue(sinks: [String]) throws(StoreError) -> Date?

    /// Marks a delivery done.
    func markDelivered(alertID: String, sink: String, at: Date) throws(StoreError)

    /// Records a failed attempt: the delivery is retried at `retryAt`, or dead when `retryAt` is `nil`.
    func markFailed(alertID: String, sink: String, error: String, retryAt: Date?) throws(StoreError)

    /// Stored alerts, newest event first.
    func alerts(limit: Int) throws(StoreError) -> [Alert]

    /// The delivery state of every alert for `sink`, by alert id.
    func deliveryStates(sink: String) throws(StoreError) -> [String: DeliveryState]

    /// How many items are stored.
    func itemCount() throws(StoreError) -> Int

    /// The stored items whose event time lies in `from…to` (either bound optional), in event-time order, for
    /// replaying topics over them.
    func items(from: Date?, to: Date?) throws(StoreError) -> [StoredItem]
}
