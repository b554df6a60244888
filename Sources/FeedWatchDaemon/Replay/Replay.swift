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
        var alerts: [Alert] = []
        for var item in ordered {
            let globalKey = DedupeKey.isGloballyUnique(item.dedupeKey) ? "key:" + item.dedupeKey : nil
            let keys = [globalKey, "hash:" + item.contentHash].compactMap { $0 }
            item.isCopy = keys.contains { keyFeeds[$0].map { $0 != item.feed.id } ?? false }
            for key in keys where keyFeeds[key] == nil {
                keyFeeds[key] = item.feed.id
            }
            alerts += analyzer.apply(item, to: &states, raiseAlerts: true).alerts
        }
        return alerts
    }
}
