public import FeedWatchConfig
public import Foundation

/// Pruning what the retention settings no longer keep (the retention service): old items, old alerts, and a feed's
/// items beyond its cap, a small batch per transaction so ingests go on between them.
public protocol RetentionStore: Sendable {
    /// Prunes what `retention` does not keep, in batches of `batchSize` rows, each in its own transaction, pausing
    /// `pause` between batches; stops early (between batches) when the task is cancelled.
    ///
    /// Nothing needed is removed: an alert with a delivery still pending, and an item the topic states still name
    /// (an article of a story they hold, a report of a status waiting for confirmation), are kept whatever their
    /// age. A pruned item never comes back as new: each feed remembers the time before which it forgot items, and
    /// the ingest treats an older item of that feed as one it already holds.
    ///
    /// - Parameters:
    ///   - retention: What to keep.
    ///   - batchSize: Rows per transaction.
    ///   - pause: The pause between two batches.
    /// - Returns: What was pruned.
    /// - Throws: ``StoreError`` when a read or a delete fails; batches committed before it stay committed.
    func prune(_ retention: RetentionConfiguration, batchSize: Int, pause: Duration) async throws(StoreError)
        -> RetentionReport
}

/// What one pruning pass removed.
public struct RetentionReport: Sendable, Equatable {
    /// The event time the ages were read against: the newest item's, capped at one day after its first sight; `nil`
    /// when the store holds no items (nothing was pruned).
    public var clock: Date?
    /// Items older than `retention.items`.
    public var items = 0
    /// Items beyond their feed's `retention.max_items_per_feed`.
    public var cappedItems = 0
    /// Alerts older than `retention.alerts`, with their deliveries.
    public var alerts = 0

    /// An empty report.
    public init(clock: Date? = nil) {
        self.clock = clock
    }

    /// Whether anything was pruned.
    public var isEmpty: Bool { items == 0 && cappedItems == 0 && alerts == 0 }
}
