import FeedWatchCore
public import FeedWatchFetch
public import FeedWatchParse

extension FeedStateUpdater.DocumentFacts {
    /// Reads the facts the scheduler keeps from a parsed document.
    ///
    /// - Parameter feed: The parsed document.
    public init(_ feed: ParsedFeed) {
        self.init(
            ttl: feed.ttl,
            itemDates: feed.items.compactMap { $0.published ?? $0.updated },
            itemCount: feed.items.count,
            wellformed: feed.wellformed,
            encoding: feed.encoding
        )
    }
}
