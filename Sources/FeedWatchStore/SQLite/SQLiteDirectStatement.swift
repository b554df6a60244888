import Foundation
import GRDB
import GRDBSQLite

/// A statement of the store's hottest paths, prepared on the writer's connection and bound value by value through
/// SQLite's C interface (as GRDB links it), then finalised when it goes out of scope.
///
/// GRDB's `StatementArguments` box every value into a `DatabaseValue` per row; for the statements run once per item
/// or per polled feed (the item insert and its copy probes, the feeds' poll state) that boxing was most of the
/// statement's cost outside SQLite (see BENCHMARKS.md, "The store at its floor"). The statement is prepared once per
/// batch, so GRDB's statement cache never sees it.
struct SQLiteDirectStatement: ~Copyable {
    /// SQLite's "copy the bytes now" destructor, which the C macro `SQLITE_TRANSIENT` spells as `(void *)-1`.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private let connection: OpaquePointer
    private let handle: OpaquePointer

    /// Prepares `sql` on the connection of `db`.
    ///
    /// - Throws: A `DatabaseError` with SQLite's code and message when the connection is closed or `sql` does not
    ///   compile.
    init(_ sql: String, in db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed")
        }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw Self.error(code, connection)
        }
        self.connection = connection
        self.handle = handle
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and clears nothing: every parameter is bound again before the next step.
    func reset() {
        sqlite3_reset(handle)
    }

    func bind(_ number: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, number)
    }

    func bind(_ number: Int64?, at index: Int32) {
        if let number { sqlite3_bind_int64(handle, index, number) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ number: Int?, at index: Int32) {
        bind(number.map(Int64.init), at: index)
    }

    func bind(_ flag: Bool, at index: Int32) {
        sqlite3_bind_int64(handle, index, flag ? 1 : 0)
    }

    func bind(_ number: Double?, at index: Int32) {
        if let number { sqlite3_bind_double(handle, index, number) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ date: Date?, at index: Int32) {
        bind(date?.timeIntervalSince1970, at: index)
    }

    /// Binds text, which SQLite copies at once (`SQLITE_TRANSIENT`), so `text` need not outlive the call.
    func bind(_ text: String?, at index: Int32) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        let bound = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                _ = sqlite3_bind_text(handle, index, characters, Int32(bytes.count), Self.transient)
            }
        }
        guard bound == nil else { return }
        // A bridged string without contiguous UTF-8: made contiguous in a copy.
        var copy = text
        copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                _ = sqlite3_bind_text(handle, index, characters, Int32(bytes.count), Self.transient)
            }
        }
    }

    /// Runs the statement to its next row.
    ///
    /// - Returns: `true` when it produced a row, `false` when it is done.
    /// - Throws: A `DatabaseError` with SQLite's code and message when the step fails.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw Self.error(code, connection)
        }
    }

    /// Runs a statement that returns no row (an insert or update).
    ///
    /// - Throws: A `DatabaseError` when the step fails or, unexpectedly, returns a row.
    func execute() throws {
        if try step() {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "a write statement returned a row")
        }
    }

    /// The integer in column `index` (from 0) of the current row, as a flag.
    func bool(at index: Int32) -> Bool {
        sqlite3_column_int64(handle, index) != 0
    }

    /// How many rows the last write statement on the connection changed.
    var changes: Int32 { sqlite3_changes(connection) }

    /// The row id of the connection's last successful insert.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    private static func error(_ code: Int32, _ connection: OpaquePointer) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }
}
