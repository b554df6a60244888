import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import Foundation

@testable import FeedWatchStore

extension ItemStore {
    /// Stores items in one ingest transaction, with the topic states and alerts `decide` returns for each inserted
    /// one (told whether it is a copy, and given the topic states to change), the way the pipeline uses the
    /// transaction: the store suite's shorthand.
    ///
    /// - Returns: For each item, whether it was new (and stored).
    @discardableResult
    func ingest(
        _ items: [AnalyzedItem],
        sinks: AlertRouting,
        topics: inout TopicStateReplica,
        decide:
            @escaping @Sendable (_ item: AnalyzedItem, _ isCopy: Bool, _ states: inout [String: TopicState]) -> (
                topicStates: [TopicState], alerts: [Alert]
            )
    ) async throws -> [Bool] {
        let start = topics
        let (inserted, replica) = try await ingest { transaction in
            var topics = start
            try await transaction.refresh(&topics)
            let inserted = try await transaction.insert(items)
            var ledger = TopicStateLedger()
            var alerts: [(alert: Alert, itemID: Int64?)] = []
            for (item, stored) in zip(items, inserted) {
                guard let stored else { continue }
                let (states, raised) = decide(item, stored.isCopy, &topics.states)
                ledger.record(states, at: item.firstSeen)
                alerts += raised.map { ($0, stored.id) }
            }
            try await transaction.enqueue(alerts, sinks: sinks)
            try await transaction.save(ledger, into: &topics)
            return (inserted.map { $0 != nil }, topics)
        }
        topics = replica
        return inserted
    }

    /// ``ingest(_:sinks:topics:decide:)`` for a caller that keeps no copy of the stored topic states.
    @discardableResult
    func ingest(
        _ items: [AnalyzedItem],
        sinks: AlertRouting,
        decide:
            @escaping @Sendable (_ item: AnalyzedItem, _ isCopy: Bool) -> (topicStates: [TopicState], alerts: [Alert])
    ) async throws -> [Bool] {
        var topics = TopicStateReplica.untracked
        return try await ingest(items, sinks: sinks, topics: &topics) { item, isCopy, _ in decide(item, isCopy) }
    }
}
