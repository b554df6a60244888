/// The statements of pruning (``RetentionStore``) in a backend's SQL, each inside one open transaction of its
/// ``RelationalUnit``. Times are seconds since 1970, like the columns.
///
/// An item's time is `min(event_at, first_seen_at + 1 day)` and an alert's `min(event_at, created_at + 1 day)`:
/// the event time capped as the analysis caps it, so a feed dated in the future cannot keep its items for ever.
/// "Older than `t`" is written `event_at < t OR first_seen_at < t - 1 day`, which the index on `event_at` serves.
protocol RetentionUnit: Sendable {
    /// The newest item's event time and the latest first sight of an item (that of the last one inserted), or
    /// `nil`s when there are no items.
    func itemClock() async throws -> (newestEvent: Double?, lastFirstSeen: Double?)

    /// Items whose event time is before `time`, after `cursor` in (event time, id) order, at most `limit`: the
    /// index on `event_at` serves it, however large the table.
    func items(eventBefore time: Double, after cursor: (eventAt: Double, id: Int64), limit: Int) async throws
        -> [(id: Int64, dedupeKey: String, eventAt: Double)]

    /// Items in id order after `cursor`, at most `limit`, with their times: the oldest inserted first, so the items
    /// first seen before a time are a prefix of this order.
    func items(after cursor: Int64, limit: Int) async throws
        -> [(id: Int64, dedupeKey: String, eventAt: Double, firstSeenAt: Double)]

    /// One feed's items older than `time`, with ids above `cursor`, in id order, at most `limit`.
    func items(feedID: Int64, olderThan time: Double, after cursor: Int64, limit: Int) async throws
        -> [(id: Int64, dedupeKey: String)]

    /// Deletes items by id (their alerts keep their payload and lose the link to the item).
    func deleteItems(_ ids: [Int64]) async throws

    /// Raises the time before which a feed (or every feed when `feedID` is `nil`: one row of `retention_mark`, so
    /// the feed rows the poll records write are not locked) forgot its items to `time`, never lowering it.
    func forgetItems(olderThan time: Double, feedID: Int64?) async throws

    /// The time before which each of these feeds forgot its items (its own or every feed's, the later), for the
    /// feeds that forgot any.
    func forgottenBefore(feedIDs: [Int64]) async throws -> [Int64: Double]

    /// The feeds holding more than `maximum` items.
    func feeds(holdingMoreThan maximum: Int) async throws -> [Int64]

    /// The time of a feed's `rank`-th newest item (1 for the newest), or `nil` when it holds fewer.
    func itemTime(feedID: Int64, rank: Int) async throws -> Double?

    /// Alerts older than `time` with no pending delivery, at most `limit`.
    func alerts(olderThan time: Double, limit: Int) async throws -> [String]

    /// Deletes alerts and their deliveries.
    func deleteAlerts(_ ids: [String]) async throws
}
