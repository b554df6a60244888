import FeedWatchAnalysis
import FeedWatchCore
import Foundation

/// The part of an ingest every backend shares: once a batch's items are inserted (ids rising in batch order) and its
/// copies known, each inserted item is decided in order, and the alerts it raised and the topic states it changed
/// recorded for the backend to write.
enum IngestDecisions {
    /// Decides the inserted items of a batch, in order.
    ///
    /// - Parameters:
    ///   - items: The batch's items, in the order they are applied.
    ///   - ids: Each item's new id, or `nil` when its feed already held it.
    ///   - copies: The ids of the inserted items another feed held before them.
    ///   - states: The topic states, changed by each decision in turn.
    ///   - decide: The caller's decision for one item: the topic states it changed and the alerts it raised.
    /// - Returns: For each item, whether it was inserted; the last state of each topic the batch changed; and the
    ///   alerts raised, in order, each with the id of the item that raised it.
    static func run(
        _ items: [AnalyzedItem],
        ids: [Int64?],
        copies: Set<Int64>,
        states: inout [String: TopicState],
        decide: (_ item: AnalyzedItem, _ isCopy: Bool, _ states: inout [String: TopicState]) -> (
            topicStates: [TopicState], alerts: [Alert]
        )
    ) -> (inserted: [Bool], ledger: TopicStateLedger, alerts: [(alert: Alert, itemID: Int64)]) {
        var inserted: [Bool] = []
        inserted.reserveCapacity(items.count)
        var ledger = TopicStateLedger()
        var raised: [(alert: Alert, itemID: Int64)] = []
        for (item, id) in zip(items, ids) {
            guard let itemID = id else {
                inserted.append(false)
                continue
            }
            let (topicStates, alerts) = decide(item, copies.contains(itemID), &states)
            ledger.record(topicStates, at: item.firstSeen)
            raised += alerts.map { ($0, itemID) }
            inserted.append(true)
        }
        return (inserted, ledger, raised)
    }
}
