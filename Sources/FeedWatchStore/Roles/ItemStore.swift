public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

/// The items a store holds, and the ingest: new items written with what they change, in one transaction.
public protocol ItemStore: Sendable {
    /// Which of `keys` this feed already holds.
    func existingKeys(feedID: Int64, keys: [String]) async throws(StoreError) -> Set<String>

    /// Whether another feed already holds an item with this dedupe key (when given) or content hash: a
    /// syndicated copy.
    func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) async throws(StoreError) -> Bool

    /// How many items are stored.
    func itemCount() async throws(StoreError) -> Int

    /// The stored items whose event time lies in `from…to` (either bound optional), in event-time order, for
    /// replaying topics over them.
    func items(from: Date?, to: Date?) async throws(StoreError) -> [StoredItem]

    /// Runs `body` in one write transaction under the ingest lock (one ingest at a time across every instance
    /// sharing the store): what it inserts, enqueues and saves through the ``IngestTransaction`` is committed
    /// together when it returns, and none of it when it throws.
    ///
    /// ```swift
    /// let stored = try await store.ingest { transaction in
    ///     var topics = replica
    ///     try await transaction.refresh(&topics)
    ///     let inserted = try await transaction.insert(items)
    ///     // decide what each inserted item changes, then:
    ///     try await transaction.enqueue(alerts, sinks: routing)
    ///     try await transaction.save(ledger, into: &topics)
    ///     return (inserted, topics)
    /// }
    /// ```
    ///
    /// - Parameter body: The ingest's work; it runs to its end even when the caller is cancelled.
    /// - Returns: What `body` returns, once committed.
    /// - Throws: ``StoreError`` when the transaction fails or `body` throws (a `StoreError` it throws is passed on).
    func ingest<T: Sendable>(_ body: @escaping @Sendable (IngestTransaction) async throws -> T)
        async throws(StoreError) -> T
}

extension ItemStore {
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
        try await ingest { transaction in
            guard let stored = try await transaction.insert([item]).first ?? nil else { return false }
            try await transaction.enqueue(alerts.map { ($0, stored.id) }, sinks: sinks)
            var ledger = TopicStateLedger()
            ledger.record(topicStates, at: item.firstSeen)
            var topics = TopicStateReplica.untracked
            try await transaction.save(ledger, into: &topics)
            return true
        }
    }

    /// Stores items in order, in one transaction, with no alert and no topic state (bulk loads and benchmarks).
    ///
    /// - Returns: For each item, whether it was new (and stored).
    @discardableResult
    public func ingest(_ items: [AnalyzedItem]) async throws(StoreError) -> [Bool] {
        try await ingest { transaction in try await transaction.insert(items).map { $0 != nil } }
    }
}
