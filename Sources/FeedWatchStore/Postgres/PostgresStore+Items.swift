import FeedWatchCore
public import Foundation
import PostgresNIO

extension PostgresStore {
    /// The stored items whose event time lies in a range, in event-time order (ties in storage order).
    ///
    /// - Parameters:
    ///   - from: The earliest event time included, or `nil` for no lower bound.
    ///   - to: The latest event time included, or `nil` for no upper bound.
    /// - Returns: The items with their feeds.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func items(from: Date?, to: Date?) async throws(StoreError) -> [StoredItem] {
        let decoder = JSONDecoder()
        let lower = from?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
        let upper = to?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude
        return try await read { session in
            let rows = try await session.run(
                """
                SELECT item.guid, item.title, item.link, item.published_at, item.updated_at, item.summary,
                    item.content, item.authors, item.categories, item.feed_id, feed.url, feed.name,
                    item.first_seen_at
                FROM item JOIN feed ON feed.id = item.feed_id
                WHERE item.event_at >= \(lower) AND item.event_at <= \(upper)
                ORDER BY item.event_at, item.id
                """
            )
            return try rows.map { try Self.storedItem($0.makeRandomAccess(), decoder: decoder) }
        }
    }

    /// The item columns `guid, title, link, published_at, updated_at, summary, content, authors, categories,
    /// feed_id`, the feed's `url, name` and `first_seen_at`, in that order from column 0, as a stored item.
    static func storedItem(_ row: PostgresRandomAccessRow, decoder: JSONDecoder) throws -> StoredItem {
        func date(_ index: Int) throws -> Date? {
            try row[index].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
        }
        func strings(_ index: Int) throws -> [String] {
            let text = try row[index].decode(String?.self) ?? "[]"
            return (try? decoder.decode([String].self, from: Data(text.utf8))) ?? []
        }
        let item = FeedItem(
            id: try row[0].decode(String?.self),
            title: try row[1].decode(String?.self),
            link: try row[2].decode(String?.self),
            published: try date(3),
            updated: try date(4),
            summary: try row[5].decode(String?.self),
            content: try row[6].decode(String?.self),
            authors: try strings(7),
            categories: try strings(8)
        )
        return StoredItem(
            feed: FeedReference(
                id: try row[9].decode(Int64.self),
                url: try row[10].decode(String.self),
                name: try row[11].decode(String?.self)
            ),
            item: item,
            firstSeen: try date(12) ?? Date(timeIntervalSince1970: 0)
        )
    }
}
