import FeedWatchAnalysis
import FeedWatchCore
import Foundation
import PostgresNIO

extension PostgresStore {
    /// One item as a row of the JSON document ``insertItems(_:in:)`` sends, in the `item` table's columns.
    private struct ItemRow: Encodable {
        var ord: Int
        var feed_id: Int64
        var dedupe_key: String
        var content_hash: String
        var guid: String?
        var title: String?
        var link: String?
        var published_at: Double?
        var updated_at: Double?
        var summary: String?
        var content: String?
        var authors: String
        var categories: String
        var event_at: Double
        var first_seen_at: Double
    }

    /// Inserts a batch of items in one statement, in order, skipping those their feed already holds (or that
    /// appear twice in the batch).
    ///
    /// Rows go to the server as one JSON document: one round trip for the whole batch instead of one per item,
    /// which is what makes PostgreSQL's ingest as fast as SQLite's in-process one.
    ///
    /// - Returns: Each item's new id, or `nil` when it was not inserted; ids increase in batch order.
    func insertItems(_ items: [AnalyzedItem], in session: PostgresSession) async throws -> [Int64?] {
        var rows: [ItemRow] = []
        rows.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let entry = item.item
            rows.append(
                ItemRow(
                    ord: index,
                    feed_id: item.feed.id,
                    dedupe_key: item.dedupeKey,
                    content_hash: item.contentHash,
                    guid: entry.id,
                    title: entry.title,
                    link: entry.link,
                    published_at: entry.published?.timeIntervalSince1970,
                    updated_at: entry.updated?.timeIntervalSince1970,
                    summary: entry.summary,
                    content: entry.content,
                    authors: try encode(entry.authors),
                    categories: try encode(entry.categories),
                    event_at: item.eventTime.timeIntervalSince1970,
                    first_seen_at: item.firstSeen.timeIntervalSince1970
                )
            )
        }
        let document = try encode(rows)
        let inserted = try await session.run(
            """
            INSERT INTO item (feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
                summary, content, authors, categories, event_at, first_seen_at)
            SELECT feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
                summary, content, authors, categories, event_at, first_seen_at
            FROM jsonb_to_recordset(\(document)::JSONB) AS row (ord BIGINT, feed_id BIGINT, dedupe_key TEXT,
                content_hash TEXT, guid TEXT, title TEXT, link TEXT, published_at DOUBLE PRECISION,
                updated_at DOUBLE PRECISION, summary TEXT, content TEXT, authors TEXT, categories TEXT,
                event_at DOUBLE PRECISION, first_seen_at DOUBLE PRECISION)
            ORDER BY ord
            ON CONFLICT (feed_id, dedupe_key) DO NOTHING
            RETURNING id, feed_id, dedupe_key
            """
        ).map { try $0.decode((Int64, Int64, String).self) }
        var ids: [ItemKey: Int64] = [:]
        for (id, feedID, key) in inserted {
            ids[ItemKey(feedID: feedID, dedupeKey: key)] = id
        }
        // A key inserted once belongs to its first occurrence in the batch; a repeat was not inserted.
        return items.map { item in ids.removeValue(forKey: ItemKey(feedID: item.feed.id, dedupeKey: item.dedupeKey)) }
    }

    /// Which newly inserted items are copies: another feed held the same globally unique dedupe key or the same
    /// content hash before them (stored earlier, or earlier in the batch), answered in one query.
    ///
    /// - Parameters:
    ///   - items: The batch's items.
    ///   - ids: Each item's new id, or `nil` when it was not inserted.
    /// - Returns: The ids of the inserted items that are copies.
    func copies(_ items: [AnalyzedItem], ids: [Int64?], in session: PostgresSession) async throws -> Set<Int64> {
        let inserted = ids.compactMap { $0 }
        guard !inserted.isEmpty else { return [] }
        let keyed = zip(items, ids).compactMap { item, id in
            DedupeKey.isGloballyUnique(item.dedupeKey) ? id : nil
        }
        let rows = try await session.run(
            """
            SELECT i.id FROM item i
            WHERE i.id = ANY(\(inserted))
                AND (EXISTS (SELECT 1 FROM item o
                        WHERE o.content_hash = i.content_hash AND o.feed_id <> i.feed_id AND o.id < i.id)
                    OR (i.id = ANY(\(keyed)) AND EXISTS (SELECT 1 FROM item o
                        WHERE o.dedupe_key = i.dedupe_key AND o.feed_id <> i.feed_id AND o.id < i.id)))
            """
        )
        return Set(try rows.map { try $0.decode(Int64.self) })
    }
}

/// An item's identity within its feed.
private struct ItemKey: Hashable {
    var feedID: Int64
    var dedupeKey: String
}
