import FeedWatchAnalysis
import FeedWatchCore
import Foundation

/// The part of an ingest every backend shares: once a batch's items are inserted (ids rising in batch order) and its
/// copies known, each inserted item is decided in order, its alerts stored, and the topic states it changed recorded.
enum IngestDecisions {
    /// Decides the inserted items of a batch, in order.
    ///
    /// - Parameters:
    ///   - items: The batch's items, in the order they are applied.
    ///   - ids: Each item's new id, or `nil` when its feed already held it.
    ///   - copies: The ids of the inserted items another feed held before them.
    ///   - states: The topic states, changed by each decision in turn.
    ///   - decide: The caller's decision for one item: the topic states it changed and the alerts it raised.
    ///   - storeAlert: Stores one alert raised by the item with the given id.
    /// - Returns: For each item, whether it was inserted, and the last state of each topic the batch changed.
    static func run(
        _ items: [AnalyzedItem],
        ids: [Int64?],
        copies: Set<Int64>,
        states: inout [String: TopicState],
        decide: (_ item: AnalyzedItem, _ isCopy: Bool, _ states: inout [String: TopicState]) -> (
            topicStates: [TopicState], alerts: [Alert]
        ),
        storeAlert: (_ alert: Alert, _ itemID: Int64) throws -> Void
    ) throws -> (inserted: [Bool], ledger: TopicStateLedger) {
        var inserted: [Bool] = []
        inserted.reserveCapacity(items.count)
        var ledger = TopicStateLedger()
        for (item, id) in zip(items, ids) {
            guard let itemID = id else {
                inserted.append(false)
                continue
            }
            let (topicStates, alerts) = decide(item, copies.contains(itemID), &states)
            ledger.record(topicStates, at: item.firstSeen)
            for alert in alerts {
                try storeAlert(alert, itemID)
            }
            inserted.append(true)
        }
        return (inserted, ledger)
    }
}
