public import FeedWatchAnalysis
public import FeedWatchCore
public import FeedWatchStore
public import Foundation

/// Runs topics over items that already exist — stored ones or a feed file's — and returns the alerts that would
/// have fired, delivering nothing, so a user can back-test a topic before enabling it.
///
/// Items are analyzed, de-duplicated per feed by their dedupe key, and applied in event-time order (ties in the
/// order given), from a fresh state, the way the pipeline applies them: an item whose globally unique key or
/// content hash was already seen in another feed is a syndicated copy.
public struct Replay: Sendable {
    /// Where one item went among one topic's stories.
    public struct Placement: Sendable, Encodable {
        /// The topic's id.
        public var topic: String
        /// The story the item joined or started (for a copy that starts none, the id it would have had).
        public var story: String
        /// The article the item is a copy or an update of, or its own.
        public var article: String
        /// `duplicate` or `update` for a copy or an update of an article already in the story.
        public var revision: String?
        /// The item's link.
        public var link: String?
        /// The item's own id (guid or Atom id), as the feed gave it.
        public var guid: String?
        /// The feed's display name.
        public var feed: String
        /// The item's event time.
        public var at: Date
    }

    /// What a replay found: the alerts, in the order they would have fired, and where each item went.
    public struct Result: Sendable {
        /// The alerts, in the order they would have fired.
        public var alerts: [Alert] = []
        /// Each item's story in each topic it matched, in the order the items were applied.
        public var placements: [Placement] = []
    }

    /// The analyzer whose topics are replayed.
    public let analyzer: Analyzer

    /// Creates a replay.
    ///
    /// - Parameter analyzer: The analyzer whose topics are replayed, fresh.
    public init(analyzer: Analyzer) {
        self.analyzer = analyzer
    }

    /// The alerts the items raise, in the order they would have fired.
    ///
    /// - Parameters:
    ///   - items: The items with their feeds and first-seen times, in any order.
    ///   - from: Items with an earlier event time are skipped, or `nil`.
    ///   - to: Items with a later event time are skipped, or `nil`.
    /// - Returns: The alerts.
    public func alerts(for items: [StoredItem], from: Date? = nil, to: Date? = nil) -> [Alert] {
        run(items, from: from, to: to).alerts
    }

    /// The alerts the items raise and the stories they join.
    ///
    /// - Parameters:
    ///   - items: The items with their feeds and first-seen times, in any order.
    ///   - from: Items with an earlier event time are skipped, or `nil`.
    ///   - to: Items with a later event time are skipped, or `nil`.
    /// - Returns: The alerts and the placements.
    public func run(_ items: [StoredItem], from: Date? = nil, to: Date? = nil) -> Result {
        var seenPerFeed = Set<String>()
        let analyzed = items.map { analyzer.analyze($0.item, feed: $0.feed, firstSeen: $0.firstSeen) }
            .filter { seenPerFeed.insert("\($0.feed.id)\u{1F}\($0.dedupeKey)").inserted }
            .filter { item in
                from.map { item.eventTime >= $0 } ?? true && to.map { item.eventTime <= $0 } ?? true
            }
        let ordered = analyzed.enumerated()
            .sorted { ($0.element.eventTime, $0.offset) < ($1.element.eventTime, $1.offset) }
            .map(\.element)
        var keyFeeds: [String: Int64] = [:]
        var states: [String: TopicState] = [:]
        var result = Result()
        for var item in ordered {
            let globalKey = DedupeKey.isGloballyUnique(item.dedupeKey) ? "key:" + item.dedupeKey : nil
            let keys = [globalKey, "hash:" + item.contentHash].compactMap { $0 }
            item.isCopy = keys.contains { keyFeeds[$0].map { $0 != item.feed.id } ?? false }
            for key in keys where keyFeeds[key] == nil {
                keyFeeds[key] = item.feed.id
            }
            result.alerts +=
                analyzer.apply(item, to: &states, raiseAlerts: true) { topic, placement in
                    result.placements.append(
                        Placement(
                            topic: topic,
                            story: placement.storyID,
                            article: placement.articleID,
                            revision: placement.revision?.rawValue,
                            link: item.item.link,
                            guid: item.item.id,
                            feed: item.feed.displayName,
                            at: item.eventTime
                        )
                    )
                }.alerts
        }
        return result
    }
}
