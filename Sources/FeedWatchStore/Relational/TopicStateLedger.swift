public import FeedWatchAnalysis
public import Foundation

/// The topic states an ingest batch changed, kept as the last item left each, so the store writes a topic's state
/// once per batch (same transaction, less JSON) in the order topics were first changed.
public struct TopicStateLedger: Sendable {
    private var latest: [String: (state: TopicState, at: Date)] = [:]
    private var order: [String] = []

    /// An empty ledger.
    public init() {}

    /// Records the states one item changed, at the item's first-seen time.
    public mutating func record(_ states: [TopicState], at time: Date) {
        for state in states {
            if latest[state.topicID] == nil { order.append(state.topicID) }
            latest[state.topicID] = (state, time)
        }
    }

    /// Each changed topic's last state and the time it was reached, in the order topics were first changed.
    var changes: [(topicID: String, state: TopicState, at: Date)] {
        order.compactMap { topicID in latest[topicID].map { (topicID, $0.state, $0.at) } }
    }
}
