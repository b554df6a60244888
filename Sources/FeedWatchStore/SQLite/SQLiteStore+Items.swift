import FeedWatchCore
public import Foundation
import GRDB

extension SQLiteStore {
    /// The stored items whose event time lies in a range, in event-time order (ties in storage order).
    ///
    /// - Parameters:
    ///   - from: The earliest event time included, or `nil` for no lower bound.
    ///   - to: The latest event time included, or `nil` for no upper bound.
    /// - Returns: The items with their feeds.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func items(from: Date?, to: Date?) async throws(StoreError) -> [StoredItem] {
        let decoder = JSONDecoder()
        return try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT item.*, feed.url AS feed_url, feed.name AS feed_name FROM item
                    JOIN feed ON feed.id = item.feed_id
                    WHERE item.event_at >= ? AND item.event_at <= ?
                    ORDER BY item.event_at, item.id
                    """,
                arguments: [
                    from?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude,
                    to?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude,
                ]
            )
            return rows.map { Self.storedItem($0, decoder: decoder) }
        }
    }

    /// An item row joined with its feed's `feed_url` and `feed_name`, as a stored item.
    static func storedItem(_ row: Row, decoder: JSONDecoder) -> StoredItem {
        func date(_ column: String) -> Date? {
            (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
        }
        func strings(_ column: String) -> [String] {
            let text: String = row[column] ?? "[]"
            return (try? decoder.decode([String].self, from: Data(text.utf8))) ?? []
        }
        let item = FeedItem(
            id: row["guid"],
            title: row["title"],
            link: row["link"],
            published: date("published_at"),
            updated: date("updated_at"),
            summary: row["summary"],
            content: row["content"],
            authors: strings("authors"),
            categories: strings("categories")
        )
        return StoredItem(
            feed: FeedReference(id: row["feed_id"], url: row["feed_url"], name: row["feed_name"]),
            item: item,
            firstSeen: date("first_seen_at") ?? Date(timeIntervalSince1970: 0)
        )
    }
}
