public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

/// Everything feedwatch persists, behind one boundary: no SQL lives outside `Store/`.
///
/// The pipeline is the only writer of items and topic state. ``ingest(_:topicStates:alerts:sinks:)`` writes an
/// item, the topic states it changed and the alerts it raised (with one pending delivery per sink) in one
/// transaction, so a crash never leaves an alert without its item or an item without its alerts.
public protocol Store: Sendable {
    /// Makes the stored feed list match the configuration: adds new feeds (due at once), updates names, and keeps
    /// the state of feeds that stay. Feeds are matched by their configured URL, so a feed relinked to a new URL
    /// stays the same feed. Feeds no longer configured are kept (their history stays) but not returned.
    ///
    /// - Parameters:
    ///   - feeds: The configured feeds.
    ///   - now: The time new feeds become due.
    /// - Returns: The configured feeds' records, in configuration order.
    func syncFeeds(_ feeds: [FeedConfiguration], now: Date) async throws(StoreError) -> [FeedRecord]

    /// All stored feeds, by id.
    func feeds() async throws(StoreError) -> [FeedRecord]

    /// Records a poll's outcome, and the feed-health alerts it raised with one pending delivery per sink, in one
    /// transaction: the feed's URL, validators, schedule, status, error, failure run, retirement, relink progress
    /// and update rate are written as `feed` holds them.
    ///
    /// - Parameters:
    ///   - feed: The feed's state after the poll.
    ///   - alerts: `feed_failing`, `feed_recovered` or `feed_retired` alerts; one already stored is skipped.
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    func recordPoll(_ feed: FeedRecord, alerts: [Alert], sinks: AlertRouting) async throws(StoreError)

    /// Records many polls' outcomes (each as ``recordPoll(_:alerts:sinks:)`` does) in one transaction.
    ///
    /// - Parameters:
    ///   - polls: Each feed's state after its poll, with the feed-health alerts it raised.
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    func recordPolls(_ polls: [(feed: FeedRecord, alerts: [Alert])], sinks: AlertRouting) async throws(StoreError)

    /// Which of `keys` this feed already holds.
    func existingKeys(feedID: Int64, keys: [String]) async throws(StoreError) -> Set<String>

    /// Whether another feed already holds an item with this dedupe key (when given) or content hash: a
    /// syndicated copy.
    func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) async throws(StoreError) -> Bool

    /// Every topic's stored state, by topic id.
    func topicStates() async throws(StoreError) -> [String: TopicState]

    /// Stores new items in order, in one transaction: each item its feed does not hold yet is inserted, then
    /// `decide` is told whether another feed already holds a copy of it (by its globally unique dedupe key or its
    /// content hash), changes the topic states it is given and returns the states it changed and the alerts the
    /// item raised, which are written with it (one pending delivery per sink).
    ///
    /// Before the first decision, the topic states another instance committed since `topics` last saw them are read
    /// again into `topics`, under the transaction's lock, so every instance decides on every instance's items. Once
    /// the transaction commits, `topics` holds the states written and their new revisions; when it fails, `topics`
    /// is left as it was.
    ///
    /// - Parameters:
    ///   - items: The analyzed items, in the order they are to be applied.
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    ///   - topics: The caller's copy of the stored topic states.
    ///   - decide: Called once per inserted item, in order, inside the transaction, with the topic states to change.
    /// - Returns: For each item, whether it was new (and stored).
    func ingest(
        _ items: [AnalyzedItem],
        sinks: AlertRouting,
        topics: inout TopicStateReplica,
        decide:
            @escaping @Sendable (_ item: AnalyzedItem, _ isCopy: Bool, _ states: inout [String: TopicState]) -> (
                topicStates: [TopicState], alerts: [Alert]
            )
    ) async throws(StoreError) -> [Bool]

    /// The pending deliveries to `sink` in event-time order, due or not (the dispatcher decides what goes now).
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

    /// Takes and releases the write lock, proving the database answers; for health checks and the watchdog.
    func checkHealth() async throws(StoreError)

    /// How many items are stored.
    func itemCount() async throws(StoreError) -> Int

    /// The stored items whose event time lies in `from…to` (either bound optional), in event-time order, for
    /// replaying topics over them.
    func items(from: Date?, to: Date?) async throws(StoreError) -> [StoredItem]

    // MARK: - Work sharing between instances

    /// Whether several feedwatch instances may share this store, so each poll and each sink's deliveries are
    /// claimed first (``claimFeeds(_:owner:dueBy:now:leaseUntil:)``, ``claimLease(_:owner:now:until:)``).
    var sharesWork: Bool { get }

    /// Claims feeds for one instance's poll cycle, in one transaction.
    ///
    /// First the candidates' hosts are leased to `owner` (a host another live instance holds is skipped, so one
    /// host's politeness limits are kept by one instance at a time); then, of the candidates on held hosts, those
    /// still due by `dueBy` (any when `nil`) and not leased by another live instance are locked with
    /// `FOR UPDATE SKIP LOCKED` (or the backend's equivalent) and leased to `owner` until `leaseUntil`.
    /// ``recordPolls(_:sinks:)`` ends a feed's lease.
    ///
    /// - Parameters:
    ///   - candidates: The feeds the instance considers due, with their hosts.
    ///   - owner: The claiming instance's id.
    ///   - dueBy: Feeds whose stored next poll is later are not claimed; `nil` claims regardless (forced cycles).
    ///   - now: The current time; leases that ended before it are free.
    ///   - leaseUntil: When the claims lapse if the instance never records the polls (it crashed).
    /// - Returns: The claimed feeds as stored, and the stored state of the candidates not claimed.
    func claimFeeds(
        _ candidates: [FeedClaim.Candidate],
        owner: String,
        dueBy: Date?,
        now: Date,
        leaseUntil: Date
    ) async throws(StoreError) -> FeedClaim

    /// Takes or renews the named lease (`sink:NAME` for a sink's outbox) for `owner`, unless another owner holds
    /// it past `now`.
    ///
    /// - Returns: Whether `owner` holds the lease now.
    func claimLease(_ name: String, owner: String, now: Date, until: Date) async throws(StoreError) -> Bool

    /// Extends `owner`'s feed claims and host leases that have not lapsed by `now` to `until`, so a cycle that runs
    /// longer than its lease keeps its feeds and hosts (another instance would otherwise poll them too).
    func renewLeases(owner: String, now: Date, until: Date) async throws(StoreError)

    /// Ends `owner`'s host leases; a host stays closed to other instances until `hostsFreeAt`, so the gap between
    /// two requests to it holds across instances too. Sink leases lapse on their own.
    func releaseLeases(owner: String, hostsFreeAt: Date) async throws(StoreError)
}

extension Store {
    /// Stores a new item with the topic states it changed and the alerts it raised, in one transaction.
    ///
    /// - Parameters:
    ///   - item: The analyzed item.
    ///   - topicStates: The states of the topics the item changed.
    ///   - alerts: The alerts the item raised; an alert whose id is already stored is not stored again.
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    /// - Returns: `false` when the feed already held the item (nothing was written).
    @discardableResult
    public func ingest(_ item: AnalyzedItem, topicStates: [TopicState], alerts: [Alert], sinks: AlertRouting)
        async throws(StoreError) -> Bool
    {
        try await ingest([item], sinks: sinks) { _, _ in (topicStates, alerts) }.first ?? false
    }

    /// Stores new items in order, in one transaction, with the topic states and alerts `decide` returns for each
    /// (see ``ingest(_:sinks:topics:decide:)``), for callers that keep no copy of the stored topic states.
    ///
    /// - Parameters:
    ///   - items: The analyzed items, in the order they are to be applied.
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    ///   - decide: Called once per inserted item, in order, inside the transaction.
    /// - Returns: For each item, whether it was new (and stored).
    public func ingest(
        _ items: [AnalyzedItem],
        sinks: AlertRouting,
        decide:
            @escaping @Sendable (_ item: AnalyzedItem, _ isCopy: Bool) -> (topicStates: [TopicState], alerts: [Alert])
    ) async throws(StoreError) -> [Bool] {
        var topics = TopicStateReplica.untracked
        return try await ingest(items, sinks: sinks, topics: &topics) { item, isCopy, _ in decide(item, isCopy) }
    }
}
