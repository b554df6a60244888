public import Foundation

/// What feedwatch remembers about one topic between items: its status and its recent stories.
///
/// The store persists it as an opaque value, written in the same transaction as the item that changed it.
public struct TopicState: Sendable, Equatable, Codable {
    /// The topic's id.
    public var topicID: String
    /// The current status, `nil` before any item reported one.
    public var status: String?
    /// The event time of the item that set ``status``.
    public var statusAt: Date?
    /// The stories seen recently, oldest first.
    public var stories: [StoryState]

    /// Creates the state of a topic that has seen nothing yet.
    public init(topicID: String, status: String? = nil, statusAt: Date? = nil, stories: [StoryState] = []) {
        self.topicID = topicID
        self.status = status
        self.statusAt = statusAt
        self.stories = stories
    }
}

/// One story (a cluster of items about one event) of a topic.
public struct StoryState: Sendable, Equatable, Codable {
    /// The story's stable id (derived from its first item's dedupe key).
    public var id: String
    /// The headline of the story's first item.
    public var title: String?
    /// The event time of the story's first item.
    public var firstAt: Date
    /// The event time of the story's latest item.
    public var lastAt: Date
    /// How many distinct items joined the story.
    public var itemCount: Int
    /// The story's fingerprint: hashed word shingles of its first item, used to recognise further items.
    public var shingles: [UInt64]

    /// Creates a story.
    public init(id: String, title: String?, firstAt: Date, lastAt: Date, itemCount: Int, shingles: [UInt64]) {
        self.id = id
        self.title = title
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.itemCount = itemCount
        self.shingles = shingles
    }
}
