public import FeedWatchAnalysis

/// The topics' stored states, which the ingest writes with the items that changed them.
public protocol TopicStateStore: Sendable {
    /// Every topic's stored state, by topic id.
    func topicStates() async throws(StoreError) -> [String: TopicState]
}
