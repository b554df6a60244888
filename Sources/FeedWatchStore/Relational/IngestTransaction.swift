public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
import Foundation

/// The ingest's unit of work: one open write transaction, under the ingest lock, in which new items are inserted,
/// the topic states read again and saved with their revisions, and the alerts the items raised queued for delivery.
///
/// The store decides nothing here: the caller (the pipeline) learns which items are new and which are copies, runs
/// the analysis on them itself, and hands back the alerts and states to write. Everything is committed together
/// when ``ItemStore/ingest(_:)-(IngestTransaction)`` returns.
public struct IngestTransaction: Sendable {
    /// An item the transaction inserted.
    public struct Inserted: Sendable, Equatable {
        /// Its new id, for the alerts it raises.
        public var id: Int64
        /// Whether another feed held the item before it (by its globally unique dedupe key or its content hash): a
        /// syndicated copy.
        public var isCopy: Bool
    }

    let unit: any RelationalUnit
    /// The database, as errors name it.
    let database: String
    /// The words of a backend's error, for a ``StoreError``'s message.
    let describe: @Sendable (any Error) -> String

    /// Brings `topics` up to date with what other instances committed: the topic states whose stored revision
    /// differs from the one `topics` holds are read again, under the ingest lock, so every instance decides on
    /// every instance's items. A copy that tracks no revisions is left as it is.
    public func refresh(_ topics: inout TopicStateReplica) async throws(StoreError) {
        guard topics.tracksRevisions else { return }
        let unit = unit
        let stale = topics.staleTopics(try await run { try await unit.topicRevisions() })
        guard !stale.isEmpty else { return }
        let rows = try await run { try await unit.topicStates(stale) }
        var fresh: [(state: TopicState, revision: Int64)] = []
        for row in rows {
            fresh.append((try StoreCoding.topicState(row.json, topicID: row.topicID, database: database), row.revision))
        }
        topics.refresh(fresh)
    }

    /// Inserts the items their feeds do not hold yet, in order, and says which of them are copies (another feed
    /// held them before, stored earlier or earlier in the batch).
    ///
    /// An item older than the time before which retention made its feed forget items is taken as one the feed
    /// holds: it may be one that was pruned, and it must not come back as new.
    ///
    /// - Returns: For each item, its insertion, or `nil` when its feed already held it (or it came twice).
    public func insert(_ items: [AnalyzedItem]) async throws(StoreError) -> [Inserted?] {
        guard !items.isEmpty else { return [] }
        let unit = unit
        let feedIDs = Array(Set(items.map(\.feed.id)))
        let forgotten = try await run { try await unit.forgottenBefore(feedIDs: feedIDs) }
        let remembered = items.indices.filter { (index: Int) -> Bool in
            guard let before = forgotten[items[index].feed.id] else { return true }
            let item = items[index]
            let time = min(item.eventTime, item.firstSeen.addingTimeInterval(Analyzer.futureTolerance))
            return time.timeIntervalSince1970 >= before
        }
        guard !remembered.isEmpty else { return items.map { _ in nil } }
        let rows = try itemRows(items, at: remembered)
        let insertedRows = try await run { try await unit.insertItems(rows) }
        var inserted = [Inserted?](repeating: nil, count: items.count)
        for (index, row) in zip(remembered, insertedRows) { inserted[index] = row }
        return inserted
    }

    /// Stores alerts (an alert whose id is stored already is not stored again) with one pending delivery per sink
    /// each new one is routed to.
    ///
    /// - Parameters:
    ///   - alerts: The alerts, each with the id of the item that raised it, in the order they were raised.
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    public func enqueue(_ alerts: [(alert: Alert, itemID: Int64?)], sinks: AlertRouting) async throws(StoreError) {
        guard !alerts.isEmpty else { return }
        var rows: [AlertRow] = []
        rows.reserveCapacity(alerts.count)
        for (index, (alert, itemID)) in alerts.enumerated() {
            rows.append(
                AlertRow(
                    ord: index,
                    id: alert.id,
                    topic_id: alert.topic,
                    kind: alert.kind.rawValue,
                    event_at: alert.at.timeIntervalSince1970,
                    created_at: alert.createdAt.timeIntervalSince1970,
                    item_id: itemID,
                    payload: try StoreCoding.encode(alert, database: database)
                )
            )
        }
        let unit = unit
        let raised = alerts.map(\.alert)
        try await run { try await IngestTransaction.enqueue(rows, alerts: raised, sinks: sinks, in: unit) }
    }

    /// Saves the topic states the batch changed (each topic's last state, once) and moves `topics` to them and
    /// their new revisions.
    public func save(_ ledger: TopicStateLedger, into topics: inout TopicStateReplica) async throws(StoreError) {
        let changes = ledger.changes
        guard !changes.isEmpty else { return }
        var rows: [(topicID: String, json: String, at: Date)] = []
        for (topicID, state, at) in changes {
            rows.append((topicID, try StoreCoding.encode(state, database: database), at))
        }
        let unit = unit
        let revisions = try await run { try await unit.saveTopicStates(rows) }
        for (topicID, state, _) in changes {
            topics.states[topicID] = state
            topics.revisions[topicID] = revisions[topicID]
        }
    }

    /// Inserts alerts (those whose id is stored already are skipped) and one pending delivery per sink each new one
    /// is routed to: the alert insert every write of alerts shares (ingests and poll records).
    static func enqueue(_ rows: [AlertRow], alerts: [Alert], sinks: AlertRouting, in unit: any RelationalUnit)
        async throws
    {
        guard !rows.isEmpty else { return }
        let inserted = try await unit.insertAlerts(rows)
        var queued = Set<String>()
        var deliveries: [DeliveryRow] = []
        for alert in alerts where inserted.contains(alert.id) && queued.insert(alert.id).inserted {
            for sink in sinks.sinks(for: alert) {
                deliveries.append(
                    DeliveryRow(alertID: alert.id, sink: sink, nextAttemptAt: alert.createdAt.timeIntervalSince1970)
                )
            }
        }
        guard !deliveries.isEmpty else { return }
        try await unit.insertDeliveries(deliveries)
    }

    /// The items at `indices` as rows of the `item` table.
    private func itemRows(_ items: [AnalyzedItem], at indices: [Int]) throws(StoreError) -> [ItemRow] {
        var rows: [ItemRow] = []
        rows.reserveCapacity(indices.count)
        // Read in the buffer, so each item is lent rather than copied out of the array.
        try items.withUnsafeBufferPointer { (items) throws(StoreError) in
            for (ord, index) in indices.enumerated() {
                rows.append(try itemRow(items[index], ord: ord))
            }
        }
        return rows
    }

    /// An item as a row of the `item` table.
    private func itemRow(_ item: AnalyzedItem, ord: Int) throws(StoreError) -> ItemRow {
        let entry = item.item
        return ItemRow(
            ord: ord,
            feed_id: item.feed.id,
            dedupe_key: item.dedupeKey,
            content_hash: item.contentHash,
            guid: entry.id,
            title: entry.title,
            link: entry.link,
            published_at: entry.published?.timeIntervalSince1970,
            updated_at: entry.updated?.timeIntervalSince1970,
            summary: entry.summary,
            content: entry.content,
            authors: entry.authors.isEmpty ? "[]" : try StoreCoding.encode(entry.authors, database: database),
            categories: entry.categories.isEmpty ? "[]" : try StoreCoding.encode(entry.categories, database: database),
            event_at: item.eventTime.timeIntervalSince1970,
            first_seen_at: item.firstSeen.timeIntervalSince1970
        )
    }

    /// Runs one statement of the unit, as a ``StoreError`` when it fails.
    private func run<T>(_ statement: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await statement()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: database, message: describe(error))
        }
    }
}
