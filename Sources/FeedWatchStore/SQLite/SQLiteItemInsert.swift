import FeedWatchAnalysis
import GRDB

/// The item insert of an ingest batch with its copy check, bound value by value through SQLite's C interface.
///
/// It is the store's hottest statement (every new item of every feed). Each row's fourteen values are bound directly
/// (``SQLiteDirectStatement``), and right after a row is inserted one step of two index probes says whether it is a
/// copy: another feed's row with a smaller id (stored before it, or earlier in the batch) and the same content hash,
/// or the same dedupe key when the key is globally unique. Probing row by row lets the key's rule
/// (``DedupeKey/isGloballyUnique(_:)``, a text search) run only for the rare key another feed holds, and needs no
/// list of the batch's ids (see BENCHMARKS.md, "The store at its floor").
enum SQLiteItemInsert {
    static let sql = """
        INSERT INTO item (feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
            summary, content, authors, categories, event_at, first_seen_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(feed_id, dedupe_key) DO NOTHING
        """

    /// Whether another feed held an item with this content hash (`?1`), and one with this dedupe key (`?2`), before
    /// the item of id `?4` from feed `?3`: two index ranges (on `item_content_hash` and `item_dedupe_key`) in one
    /// step.
    static let copySQL = """
        SELECT EXISTS (SELECT 1 FROM item WHERE content_hash = ?1 AND feed_id != ?3 AND id < ?4),
            EXISTS (SELECT 1 FROM item WHERE dedupe_key = ?2 AND feed_id != ?3 AND id < ?4)
        """

    /// Inserts the items, in order, and says which of those inserted are copies.
    ///
    /// - Parameters:
    ///   - items: The rows.
    ///   - db: The writer's connection, inside the ingest's transaction.
    /// - Returns: Each item's new row id and whether it is a copy, or `nil` when the feed already held its key.
    /// - Throws: A `DatabaseError` with SQLite's code and message when a statement fails.
    static func run(_ items: [ItemRow], in db: Database) throws -> [IngestTransaction.Inserted?] {
        let insert = try SQLiteDirectStatement(sql, in: db)
        let copy = try SQLiteDirectStatement(copySQL, in: db)
        var inserted: [IngestTransaction.Inserted?] = []
        inserted.reserveCapacity(items.count)
        for item in items {
            insert.reset()
            insert.bind(item.feed_id, at: 1)
            insert.bind(item.dedupe_key, at: 2)
            insert.bind(item.content_hash, at: 3)
            insert.bind(item.guid, at: 4)
            insert.bind(item.title, at: 5)
            insert.bind(item.link, at: 6)
            insert.bind(item.published_at, at: 7)
            insert.bind(item.updated_at, at: 8)
            insert.bind(item.summary, at: 9)
            insert.bind(item.content, at: 10)
            insert.bind(item.authors, at: 11)
            insert.bind(item.categories, at: 12)
            insert.bind(item.event_at, at: 13)
            insert.bind(item.first_seen_at, at: 14)
            try insert.execute()
            guard insert.changes > 0 else {
                inserted.append(nil)
                continue
            }
            let id = insert.lastInsertedRowID
            copy.reset()
            copy.bind(item.content_hash, at: 1)
            copy.bind(item.dedupe_key, at: 2)
            copy.bind(item.feed_id, at: 3)
            copy.bind(id, at: 4)
            guard try copy.step() else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the copy check returned no row")
            }
            // The key counts only where it names the item everywhere; asked only when another feed holds the key,
            // as the rule reads the key's text.
            let isCopy = copy.bool(at: 0) || (copy.bool(at: 1) && DedupeKey.isGloballyUnique(item.dedupe_key))
            inserted.append(IngestTransaction.Inserted(id: id, isCopy: isCopy))
        }
        return inserted
    }
}
