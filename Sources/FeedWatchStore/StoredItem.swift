public import FeedWatchCore
public import Foundation

/// An item as the store holds it: the parsed item, the feed it came from, and when it was first seen.
public struct StoredItem: Sendable, Equatable {
    /// The feed the item came from.
    public var feed: FeedReference
    /// The parsed item.
    public var item: FeedItem
    /// When feedwatch first saw it.
    public var firstSeen: Date

    /// Creates a stored item.
    ///
    /// - Parameters:
    ///   - feed: The feed the item came from.
    ///   - item: The parsed item.
    ///   - firstSeen: When feedwatch first saw it.
    public init(feed: FeedReference, item: FeedItem, firstSeen: Date) {
        self.feed = feed
        self.item = item
        self.firstSeen = firstSeen
    }
}
