import Foundation
import GRDB
import PostgresNIO

/// One table `feedwatch migrate` copies from SQLite into PostgreSQL: its columns, how each value is typed, and how
/// its identity sequence continues after the copy.
///
/// Ids, alert ids and times are copied as they are stored (times are seconds since 1970 as `DOUBLE` on both
/// backends), so a pending delivery keeps its alert id and with it its `webhook-id`. Rows are read in primary-key
/// order from one SQLite read transaction and written in batches (``MigratedBatch``), one `INSERT … SELECT … FROM
/// unnest(…)` each.
struct MigratedTable: Sendable {
    /// How a column's values are typed in PostgreSQL.
    enum Kind: String, Sendable {
        /// `BIGINT`.
        case integer
        /// `DOUBLE PRECISION`.
        case real
        /// `TEXT`.
        case text
        /// `BOOLEAN`, stored as 0 or 1 in SQLite.
        case boolean

        /// The PostgreSQL type.
        var sqlType: String {
            switch self {
            case .integer: "BIGINT"
            case .real: "DOUBLE PRECISION"
            case .text: "TEXT"
            case .boolean: "BOOLEAN"
            }
        }
    }

    /// One copied column.
    struct Column: Sendable {
        /// The column's name in PostgreSQL.
        var name: String
        /// What SQLite selects for it: the same name, except `rowid` for `alert.seq`.
        var source: String
        /// Its type.
        var kind: Kind

        /// A column of the same name on both backends.
        init(_ name: String, _ kind: Kind, source: String? = nil) {
            self.name = name
            self.source = source ?? name
            self.kind = kind
        }
    }

    /// The table's name, the same on both backends.
    var name: String
    /// The copied columns, in the order they are selected and inserted.
    var columns: [Column]
    /// The SQLite `ORDER BY` the rows are read in (the primary key's).
    var order: String
    /// The column whose identity sequence is moved past the copied values, if any.
    var identity: String?
    /// Whether `identity` is `GENERATED ALWAYS` in PostgreSQL, so the insert must override it.
    var overridesIdentity = false
    /// Whether SQLite's `sqlite_sequence` remembers the highest id ever used (an `AUTOINCREMENT` key), which the
    /// PostgreSQL sequence continues from so a deleted row's id is never handed out again.
    var autoincrement = false

    /// Every copied table, parents before children (items need their feed, alerts their item, deliveries their
    /// alert).
    static let all: [MigratedTable] = [feed, item, topicState, alert, delivery, retentionMark]

    /// Tables of the schema not copied: `lease` holds live instances' host and sink leases, which mean nothing to
    /// the instances started on the new database (copied, they would only delay the first polls and deliveries);
    /// each backend keeps its own migration history.
    static let skippedTables = ["lease", "grdb_migrations", "feedwatch_migrations"]

    /// Columns of copied tables not copied: a feed's claim by a live instance (a lease, as above).
    static let skippedColumns = ["feed": ["claimed_by", "lease_until"]]

    static let feed = MigratedTable(
        name: "feed",
        columns: [
            Column("id", .integer), Column("url", .text), Column("configured_url", .text), Column("name", .text),
            Column("etag", .text), Column("last_modified", .text), Column("next_poll_at", .real),
            Column("last_polled_at", .real), Column("last_success_at", .real), Column("last_status", .integer),
            Column("last_error", .text), Column("consecutive_failures", .integer), Column("created_at", .real),
            Column("failing_since", .real), Column("failing_alerted", .boolean), Column("retired_at", .real),
            Column("relink_target", .text), Column("relink_count", .integer), Column("last_new_item_at", .real),
            Column("update_interval", .real), Column("ttl", .real), Column("pruned_before", .real),
        ],
        order: "id",
        identity: "id",
        autoincrement: true
    )

    static let item = MigratedTable(
        name: "item",
        columns: [
            Column("id", .integer), Column("feed_id", .integer), Column("dedupe_key", .text),
            Column("content_hash", .text), Column("guid", .text), Column("title", .text), Column("link", .text),
            Column("published_at", .real), Column("updated_at", .real), Column("summary", .text),
            Column("content", .text), Column("authors", .text), Column("categories", .text),
            Column("event_at", .real), Column("first_seen_at", .real),
        ],
        order: "id",
        identity: "id",
        autoincrement: true
    )

    static let topicState = MigratedTable(
        name: "topic_state",
        columns: [
            Column("topic_id", .text), Column("state", .text), Column("updated_at", .real),
            Column("revision", .integer),
        ],
        order: "topic_id"
    )

    /// SQLite's implicit `rowid` becomes `seq`, the tie-break of alerts with the same event time, so pending
    /// deliveries keep their order.
    static let alert = MigratedTable(
        name: "alert",
        columns: [
            Column("id", .text), Column("seq", .integer, source: "rowid"), Column("topic_id", .text),
            Column("kind", .text), Column("event_at", .real), Column("created_at", .real),
            Column("item_id", .integer), Column("payload", .text),
        ],
        order: "rowid",
        identity: "seq",
        overridesIdentity: true
    )

    static let delivery = MigratedTable(
        name: "delivery",
        columns: [
            Column("alert_id", .text), Column("sink", .text), Column("state", .text), Column("attempts", .integer),
            Column("next_attempt_at", .real), Column("last_error", .text), Column("delivered_at", .real),
        ],
        order: "alert_id, sink"
    )

    /// The times before which retention forgot items, so a pruned item does not come back as new after the move.
    static let retentionMark = MigratedTable(
        name: "retention_mark",
        columns: [Column("name", .text), Column("pruned_before", .real)],
        order: "name"
    )

    /// The `INSERT` of one ``MigratedBatch``: each column's array and null mask (`$1`, `$2` for the first column,
    /// and so on) spread into rows by `unnest`.
    var insertSQL: String {
        let names = columns.map(\.name)
        let arrays = columns.enumerated().map { index, column in
            "$\(2 * index + 1)::\(column.kind.sqlType)[], $\(2 * index + 2)::BOOLEAN[]"
        }
        let fields = names.indices.map { "v\($0), n\($0)" }
        let values = names.indices.map { "CASE WHEN n\($0) THEN NULL ELSE v\($0) END" }
        return "INSERT INTO \(name) (\(names.joined(separator: ", ")))"
            + (overridesIdentity ? " OVERRIDING SYSTEM VALUE" : "")
            + " SELECT \(values.joined(separator: ", "))"
            + " FROM unnest(\(arrays.joined(separator: ", "))) AS batch(\(fields.joined(separator: ", ")))"
    }

    /// The outcome of copying one table.
    struct Copied {
        /// How many rows were copied.
        var rows: Int
        /// The value the identity sequence hands out next, when the table has one.
        var nextIdentity: Int64?
    }

    /// Copies every row of the table from `source` into the open transaction of `session`, a page of `batchSize`
    /// rows at a time (each page read after the last one's key, so a page costs the same however far the copy is).
    ///
    /// - Parameters:
    ///   - source: The SQLite source, inside one read transaction left open across its accesses (one snapshot for
    ///     every table).
    ///   - session: The PostgreSQL destination, inside its transaction.
    ///   - batchSize: The most rows one `INSERT` carries.
    ///   - sourceName: The SQLite file, named in errors.
    ///   - destination: The PostgreSQL database, named in errors.
    /// - Throws: ``StoreError`` with code `corruptValue` when a source value does not have its column's type,
    ///   `query` when a read or an insert fails.
    func copy(
        from source: DatabaseQueue,
        into session: PostgresSession,
        batchSize: Int,
        sourceName: String,
        destination: String
    ) async throws(StoreError) -> Copied {
        let insert = insertSQL
        var batch = MigratedBatch(kinds: columns.map(\.kind))
        var copied = 0
        var highest: Int64 = 0
        let identityIndex = identity.flatMap { identity in columns.firstIndex { $0.name == identity } }

        func flush() async throws(StoreError) {
            guard batch.count > 0 else { return }
            let inserted: Int
            do {
                inserted = try await session.changes(PostgresQuery(unsafeSQL: insert, binds: batch.bindings()))
            } catch {
                throw StoreError(
                    code: .query,
                    database: destination,
                    message: "inserting into \(name): \(PostgresConnectionPool.describe(error))"
                )
            }
            guard inserted == batch.count else {
                throw StoreError(
                    code: .query,
                    database: destination,
                    message: "\(name) took \(inserted) of \(batch.count) rows"
                )
            }
            copied += batch.count
            batch.removeAll()
        }

        var after: [DatabaseValue]?
        repeat {
            let page: [[DatabaseValue]]
            do {
                page = try await source.writeWithoutTransaction { [self, after] db in
                    try self.page(after: after, limit: batchSize, in: db)
                }
            } catch {
                throw StoreError(code: .query, database: sourceName, message: "reading \(name): \(error)")
            }
            for row in page {
                let values = Array(row.prefix(columns.count))
                if let wrong = batch.append(values) {
                    let column = columns[wrong]
                    let article = column.kind == .integer ? "an" : "a"
                    throw StoreError(
                        code: .corruptValue,
                        database: sourceName,
                        message: "\(name).\(column.name) of row \(copied + batch.count + 1) (in \(order) order) "
                            + "holds \(values[wrong]), which is not \(article) \(column.kind.rawValue)"
                    )
                }
                if let identityIndex, case .int64(let id) = values[identityIndex].storage {
                    highest = max(highest, id)
                }
                if batch.count >= batchSize { try await flush() }
            }
            after = page.count < batchSize ? nil : page.last.map { Array($0.dropFirst(columns.count)) }
        } while after != nil
        try await flush()
        guard identity != nil else { return Copied(rows: copied, nextIdentity: nil) }
        if autoincrement {
            let name = name
            if let used = try? await source.writeWithoutTransaction({ db in
                try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [name])
            }) {
                highest = max(highest, used)
            }
        }
        return Copied(rows: copied, nextIdentity: highest + 1)
    }

    /// The columns of `order`, which together identify a row.
    private var orderColumns: [String] {
        order.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Up to `limit` rows after the row whose `order` columns hold `after` (from the first when `nil`): each row's
    /// copied columns, then its `order` columns.
    private func page(after: [DatabaseValue]?, limit: Int, in db: Database) throws -> [[DatabaseValue]] {
        let keys = orderColumns
        var sql = "SELECT \((columns.map(\.source) + keys).joined(separator: ", ")) FROM \(name)"
        var arguments = StatementArguments()
        if let after {
            let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
            sql += " WHERE (\(keys.joined(separator: ", "))) > (\(marks))"
            arguments += StatementArguments(after)
        }
        sql += " ORDER BY \(order) LIMIT ?"
        arguments += [limit]
        let width = columns.count + keys.count
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            (0..<width).map { row[$0] as DatabaseValue }
        }
    }
}
