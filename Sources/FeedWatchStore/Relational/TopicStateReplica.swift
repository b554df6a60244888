public import FeedWatchAnalysis
import Foundation

/// One instance's copy of the stored topic states, with the revision of each it last read or wrote.
///
/// Several instances sharing a store each keep such a copy. ``IngestTransaction/refresh(_:)`` brings the copy up to
/// date inside the ingest transaction (only the topics another instance changed since are read again), so
/// status changes, stories and alert dedupe see every instance's items.
public struct TopicStateReplica: Sendable {
    /// The topic states, by topic id.
    public var states: [String: TopicState]
    /// The stored revision each state was read or written at, by topic id; a topic missing here is read again.
    var revisions: [String: Int64] = [:]
    /// Whether the store compares revisions before an ingest; `false` for callers that compute states themselves.
    let tracksRevisions: Bool

    /// A copy holding `states`, whose revisions are unknown: the first ingest reads every stored state again.
    ///
    /// - Parameter states: The states known so far, by topic id.
    public init(states: [String: TopicState] = [:]) {
        self.states = states
        self.tracksRevisions = true
    }

    private init(untracked states: [String: TopicState]) {
        self.states = states
        self.tracksRevisions = false
    }

    /// A copy the store never refreshes: the caller decides every state an item changes.
    static let untracked = TopicStateReplica(untracked: [:])

    /// The topics whose stored revision differs from the one this copy holds.
    ///
    /// - Parameter stored: Every stored topic's revision, by topic id.
    func staleTopics(_ stored: [String: Int64]) -> [String] {
        stored.compactMap { topicID, revision in revisions[topicID] == revision ? nil : topicID }.sorted()
    }

    /// Takes states read again from the store, with their revisions.
    mutating func refresh(_ fresh: [(state: TopicState, revision: Int64)]) {
        for (state, revision) in fresh {
            states[state.topicID] = state
            revisions[state.topicID] = revision
        }
    }
}
