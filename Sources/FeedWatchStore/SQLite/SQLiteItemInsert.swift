import Foundation
import GRDB
import GRDBSQLite

/// The item insert of an ingest batch, bound value by value through SQLite's C interface.
///
/// It is the store's hottest statement (every new item of every feed). GRDB's `StatementArguments` box each of the
/// fourteen values into a `DatabaseValue` per row; binding them directly (text without a copy into Swift storage
/// first, `SQLITE_TRANSIENT` lets SQLite copy it once) brings the insert to the rate of Python's `executemany`
/// (see BENCHMARKS.md, "The store at its floor"). The statement is prepared once per batch and finalised after it,
/// so GRDB's statement cache never sees it.
enum SQLiteItemInsert {
    static let sql = """
        INSERT INTO item (feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
            summary, content, authors, categories, event_at, first_seen_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(feed_id, dedupe_key) DO NOTHING
        """

    /// Inserts the items, in order.
    ///
    /// - Parameters:
    ///   - items: The rows.
    ///   - db: The writer's connection, inside the ingest's transaction.
    /// - Returns: Each item's new row id, or `nil` when the feed already held its key.
    /// - Throws: A `DatabaseError` with SQLite's code and message when a statement fails.
    static func run(_ items: [ItemRow], in db: Database) throws -> [Int64?] {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed")
        }
        var handle: OpaquePointer?
        try check(sqlite3_prepare_v2(connection, sql, -1, &handle, nil), connection)
        defer { sqlite3_finalize(handle) }
        var ids: [Int64?] = []
        ids.reserveCapacity(items.count)
        for item in items {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, item.feed_id)
            bind(item.dedupe_key, at: 2, handle)
            bind(item.content_hash, at: 3, handle)
            bind(item.guid, at: 4, handle)
            bind(item.title, at: 5, handle)
            bind(item.link, at: 6, handle)
            bind(item.published_at, at: 7, handle)
            bind(item.updated_at, at: 8, handle)
            bind(item.summary, at: 9, handle)
            bind(item.content, at: 10, handle)
            bind(item.authors, at: 11, handle)
            bind(item.categories, at: 12, handle)
            sqlite3_bind_double(handle, 13, item.event_at)
            sqlite3_bind_double(handle, 14, item.first_seen_at)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                try check(code, connection)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "the item insert returned a row")
            }
            ids.append(sqlite3_changes(connection) > 0 ? sqlite3_last_insert_rowid(connection) : nil)
        }
        return ids
    }

    /// SQLite's "copy the bytes now" destructor, which the C macro `SQLITE_TRANSIENT` spells as `(void *)-1`.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ text: String?, at index: Int32, _ handle: OpaquePointer?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                _ = sqlite3_bind_text(handle, index, "", 0, transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                _ = sqlite3_bind_text(handle, index, characters, Int32(bytes.count), transient)
            }
        }
    }

    private static func bind(_ number: Double?, at index: Int32, _ handle: OpaquePointer?) {
        if let number {
            sqlite3_bind_double(handle, index, number)
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    private static func check(_ code: Int32, _ connection: OpaquePointer) throws {
        guard code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(connection))
            )
        }
    }
}
