/// Everything feedwatch persists, behind one boundary: no SQL lives outside `FeedWatchStore`.
///
/// The roles are separate protocols, so each part of the daemon takes only what it uses: the poll recorder a
/// ``FeedStore``, the digest stage an ``ItemStore``, the delivery loop the ``OutboxStore`` (with the
/// ``WorkSharingStore`` lease that keeps one instance per sink), the claimer the ``WorkSharingStore``. The pipeline,
/// the single writer of items and topic state, takes the whole store.
///
/// Both backends are relational and share their algorithms (the ingest, the feed
/// sync, the poll records): an item, the topic states it changed and the alerts it raised (with one pending delivery
/// per sink) are written in one transaction, so a crash never leaves an alert without its item or an item without
/// its alerts.
public protocol Store: FeedStore, ItemStore, TopicStateStore, OutboxStore, WorkSharingStore, RetentionStore {
    /// Takes and releases the write lock and runs a write that changes nothing, proving the database answers and
    /// takes writes; for health checks, the watchdog and the probe of a loop backing off from a failing store.
    func checkHealth() async throws(StoreError)
}
