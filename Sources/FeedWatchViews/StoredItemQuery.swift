public import FeedWatchAnalysis
import FeedWatchCore
public import FeedWatchStore
public import Foundation

/// Runs a topic query over the stored items, so a user can try a query before adding it to a topic.
public enum StoredItemQuery {
    /// The stored items a query matches, newest first, with the words that made each match.
    ///
    /// - Parameters:
    ///   - query: The compiled query.
    ///   - store: Where the items are read.
    ///   - since: The earliest event time searched, all items when `nil`.
    ///   - limit: How many matches to return (the newest).
    /// - Returns: The matches.
    /// - Throws: ``StoreError`` when the items cannot be read.
    public static func run(_ query: TopicQuery, store: any ViewStore, since: Date?, limit: Int) async throws(StoreError)
        -> [QueryMatch]
    {
        let entityFinder = query.needsEntities ? try? Analyzer(topics: []) : nil
        var matches: [QueryMatch] = []
        var lastID: Int64 = 0
        while true {
            let page = try await store.items(afterID: lastID, since: since, limit: CoverageIndex.pageSize)
            for indexed in page {
                let item = indexed.stored.item
                let title = TextNormalizer.tokens(item.title ?? "")
                let body = TextNormalizer.tokens(item.summary ?? "") + TextNormalizer.tokens(item.content ?? "")
                guard
                    let terms = query.why(
                        tokens: title + body,
                        title: title,
                        entities: entityFinder?.entities(of: item)
                    )
                else { continue }
                matches.append(
                    QueryMatch(
                        at: indexed.eventAt,
                        feed: indexed.stored.feed.name ?? indexed.stored.feed.url,
                        title: item.title,
                        link: item.link,
                        summary: item.summary,
                        terms: terms
                    )
                )
            }
            lastID = page.last?.id ?? lastID
            if page.count < CoverageIndex.pageSize { break }
        }
        return Array(matches.sorted { $0.at > $1.at }.prefix(limit))
    }
}
