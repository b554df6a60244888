public import FeedWatchAnalysis
public import FeedWatchCore
public import Foundation

/// What the views (`feedwatch topics`, `alerts list`, `query` and the web dashboard) read from the store, by role:
/// read-only, and each question answered from an index.
///
/// The store keeps no history of a topic's status, no story's outlets and no per-day coverage of its own; the views
/// derive them: the status history from the stored `status_change` alerts (each carries its cue sentence and
/// sources), a story's outlets and wire copies from the items behind its articles (by dedupe key and content hash),
/// and coverage by matching the topic's query over the stored items (``items(afterID:since:limit:)``).
public protocol ViewStore: Sendable {
    /// Every topic's stored state, by topic id.
    func topicStates() async throws(StoreError) -> [String: TopicState]

    /// All stored feeds, by id.
    func feeds() async throws(StoreError) -> [FeedRecord]

    /// One alert with its deliveries, or `nil` when no alert has this id.
    func alert(id: String) async throws(StoreError) -> AlertRecord?

    /// The alerts a query selects, one page of them, with how many it selects in all.
    ///
    /// - Parameter query: The filter, order and page.
    /// - Returns: The page and the total.
    func alerts(matching query: AlertQuery) async throws(StoreError) -> AlertPage

    /// The items behind articles: for each dedupe key, the outlets that carry the article (its own feed first) and
    /// how many wire copies (the same text in another feed, or the same globally unique key) were stored.
    ///
    /// - Parameter keys: Articles' dedupe keys (``StoryArticle/key``).
    /// - Returns: The outlets of each key found; keys with no stored item are left out.
    func articleOutlets(keys: [String]) async throws(StoreError) -> [String: ArticleOutlets]

    /// Stored items in storage order after `afterID`, with an event time at or after `since` (when given).
    ///
    /// - Parameters:
    ///   - afterID: The last item id already seen (0 for the first page).
    ///   - since: The earliest event time wanted.
    ///   - limit: The page size.
    /// - Returns: Up to `limit` items with their ids.
    func items(afterID: Int64, since: Date?, limit: Int) async throws(StoreError) -> [IndexedItem]
}

/// Which alerts to read, in which order, and which page of them.
public struct AlertQuery: Sendable, Equatable {
    /// Only this topic's alerts (`feeds` for feed health), any topic when `nil`.
    public var topic: String?
    /// Only these kinds, any kind when empty.
    public var kinds: [Alert.Kind]
    /// Only alerts whose event time is at or after this.
    public var since: Date?
    /// How many alerts a page holds.
    public var limit: Int
    /// How many alerts to skip (the page's start).
    public var offset: Int
    /// Oldest first (a history) instead of newest first (a list).
    public var oldestFirst: Bool
    /// Whether each alert's deliveries are read too.
    public var withDeliveries: Bool

    /// Creates a query.
    ///
    /// - Parameters:
    ///   - topic: Only this topic's alerts.
    ///   - kinds: Only these kinds (empty: any).
    ///   - since: Only alerts at or after this event time.
    ///   - limit: The page size.
    ///   - offset: How many alerts to skip.
    ///   - oldestFirst: Oldest first instead of newest first.
    ///   - withDeliveries: Whether deliveries are read too.
    public init(
        topic: String? = nil,
        kinds: [Alert.Kind] = [],
        since: Date? = nil,
        limit: Int = 50,
        offset: Int = 0,
        oldestFirst: Bool = false,
        withDeliveries: Bool = false
    ) {
        self.topic = topic
        self.kinds = kinds
        self.since = since
        self.limit = limit
        self.offset = offset
        self.oldestFirst = oldestFirst
        self.withDeliveries = withDeliveries
    }
}

/// One page of alerts and how many the query selects in all.
public struct AlertPage: Sendable, Equatable {
    /// The page's alerts, with their deliveries when asked for.
    public var records: [AlertRecord]
    /// How many alerts the query selects across all pages.
    public var total: Int

    /// Creates a page.
    public init(records: [AlertRecord], total: Int) {
        self.records = records
        self.total = total
    }
}

/// The outlets that carry one article, and its wire copies.
public struct ArticleOutlets: Sendable, Equatable {
    /// The outlets' names (the feed's name, else its URL), in the order they carried it.
    public var outlets: [String]
    /// How many stored items carry it beyond the first: copies in other feeds.
    public var copies: Int

    /// Creates an article's outlets.
    public init(outlets: [String], copies: Int) {
        self.outlets = outlets
        self.copies = copies
    }
}

/// A stored item with its storage id and event time, for views that scan items in pages.
public struct IndexedItem: Sendable, Equatable {
    /// The item's row id, rising in storage order.
    public var id: Int64
    /// The item's event time.
    public var eventAt: Date
    /// The item and its feed.
    public var stored: StoredItem

    /// Creates an indexed item.
    public init(id: Int64, eventAt: Date, stored: StoredItem) {
        self.id = id
        self.eventAt = eventAt
        self.stored = stored
    }
}

extension ArticleOutlets {
    /// Groups the rows of the items behind articles into each key's outlets.
    ///
    /// - Parameters:
    ///   - own: Items that hold a wanted key: `(id, key, content hash, outlet)`, by id.
    ///   - copies: Items whose text equals an article's: `(id, content hash, outlet)`, by id.
    /// - Returns: Each key's outlets and copy count.
    static func group(
        own: [(id: Int64, key: String, hash: String, outlet: String)],
        copies: [(id: Int64, hash: String, outlet: String)]
    ) -> [String: ArticleOutlets] {
        // A short guid is unique only in its feed: the first item holding it is the article, others are not copies.
        var articles: [String: [(id: Int64, hash: String, outlet: String)]] = [:]
        for row in own.sorted(by: { $0.id < $1.id }) {
            if articles[row.key] != nil, !DedupeKey.isGloballyUnique(row.key) { continue }
            articles[row.key, default: []].append((row.id, row.hash, row.outlet))
        }
        var byHash: [String: [(id: Int64, outlet: String)]] = [:]
        for row in copies { byHash[row.hash, default: []].append((row.id, row.outlet)) }
        var result: [String: ArticleOutlets] = [:]
        for (key, rows) in articles {
            var items: [Int64: String] = [:]
            for row in rows {
                items[row.id] = row.outlet
                for copy in byHash[row.hash] ?? [] { items[copy.id] = copy.outlet }
            }
            var outlets: [String] = []
            for (_, outlet) in items.sorted(by: { $0.key < $1.key }) where !outlets.contains(outlet) {
                outlets.append(outlet)
            }
            result[key] = ArticleOutlets(outlets: outlets, copies: items.count - 1)
        }
        return result
    }
}
