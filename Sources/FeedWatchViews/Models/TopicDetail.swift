public import FeedWatchCore
public import Foundation

/// Everything the views show of one topic (`feedwatch topics show`, the dashboard's topic page).
public struct TopicDetail: Sendable, Equatable, Encodable {
    /// The topic at a glance.
    public var summary: TopicSummary
    /// The event time of the first item the topic matched.
    public var firstAt: Date?
    /// The topic's status changes, oldest first (from its `status_change` alerts).
    public var history: [StatusChange]
    /// The current stories, newest first.
    public var stories: [Story]
    /// The entities seen with the topic.
    public var actors: [Actor]
    /// The topic's latest alerts, newest first.
    public var alerts: [AlertBrief]

    /// One status change with its evidence.
    public struct StatusChange: Sendable, Equatable, Encodable {
        /// The alert that reported it.
        public var alertID: String
        /// When the change happened (event time).
        public var at: Date
        /// The status before, `nil` for the first.
        public var from: String?
        /// The status after.
        public var to: String
        /// The cue phrase that decided it.
        public var cue: String?
        /// The sentence that holds the cue.
        public var cueSentence: String?
        /// The independent outlets that reported it.
        public var sources: [String]
        /// How sure feedwatch was, 0…1.
        public var confidence: Double?
        /// The items behind it.
        public var evidence: [Evidence]
    }

    /// One item behind a change or a story.
    public struct Evidence: Sendable, Equatable, Encodable {
        /// The item's headline.
        public var title: String?
        /// The item's link, as the feed gave it (the dashboard links only http and https).
        public var link: String?
        /// The outlet.
        public var feed: String
        /// The item's published time.
        public var published: Date?
    }

    /// One story: a cluster of items about one event.
    public struct Story: Sendable, Equatable, Encodable {
        /// The story's id.
        public var id: String
        /// The headline of its first item.
        public var title: String?
        /// The event time of its first item.
        public var firstAt: Date
        /// The event time of its latest item.
        public var lastAt: Date
        /// How many distinct items joined it.
        public var itemCount: Int
        /// The outlets that carried it, in the order they did.
        public var outlets: [String]
        /// How many wire copies of its articles were stored (the same text in another feed).
        public var copies: Int
    }

    /// One entity seen with the topic.
    public struct Actor: Sendable, Equatable, Encodable {
        /// The entity's name.
        public var name: String
        /// When it was first seen with the topic, when known (an entity established during the topic's warm-up
        /// shows the topic's first item).
        public var firstSeen: Date?
        /// `new` (a `new_actor` alert fired), `candidate` (being counted) or `established` (seen during warm-up).
        public var role: String
    }
}
