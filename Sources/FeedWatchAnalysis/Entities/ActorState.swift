public import FeedWatchCore
public import Foundation

/// The entities seen with a topic: the ones established while it warmed up or announced since, and newcomers
/// being counted.
public struct ActorState: Sendable, Equatable, Codable {
    /// An entity first seen after the topic warmed up, not yet announced.
    public struct Candidate: Sendable, Equatable, Codable {
        /// The entity's canonical name.
        public var name: String
        /// The event time of its first mention.
        public var firstAt: Date
        /// The event time of its latest mention.
        public var lastAt: Date
        /// The stories that mention it.
        public var stories: [String]
        /// The outlets that mention it, in order.
        public var outlets: [String]
        /// The items that mention it, for evidence (the first few).
        public var evidence: [Alert.Evidence]
        /// The other names it goes by (see ``EntityMention/keys``); `nil` in states saved before they were kept.
        public var keys: [String]?
    }

    /// The names of entities that are not news for this topic (seen during its warm-up, spokespeople, or already
    /// announced), with each one's other names (``EntityMention/keys``), sorted.
    public var established: [String]
    /// Newcomers being counted, least recently mentioned first.
    public var candidates: [Candidate]

    /// Creates an empty actor state.
    public init() {
        established = []
        candidates = []
    }
}
