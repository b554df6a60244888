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
    static let all: [MigratedTable] = [feed, item, topicState, alert, delivery]

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
            Column("update_interval", .real), Column("ttl", .real),
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

    /// Copies every row of the table from `db` into the open transaction of `session`.
    ///
    /// - Parameters:
    ///   - db: The SQLite source, inside one read transaction (one snapshot for every table).
    ///   - session: The PostgreSQL destination, inside its transaction.
    ///   - batchSize: The most rows one `INSERT` carries.
    ///   - source: The SQLite file, named in errors.
    ///   - destination: The PostgreSQL database, named in errors.
    /// - Throws: ``StoreError`` with code `corruptValue` when a source value does not have its column's type,
    ///   `query` when a read or an insert fails.
    func copy(
        from db: Database,
        into session: PostgresSession,
        batchSize: Int,
        source: String,
        destination: String
    ) throws(StoreError) -> Copied {
        let insert = insertSQL
        var batch = MigratedBatch(kinds: columns.map(\.kind))
        var copied = 0
        var highest: Int64 = 0
        let identityIndex = identity.flatMap { identity in columns.firstIndex { $0.name == identity } }

        func flush() throws(StoreError) {
            guard batch.count > 0 else { return }
            let inserted: Int
            do {
                inserted = try session.changes(PostgresQuery(unsafeSQL: insert, binds: batch.bindings()))
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

        do {
            let select = "SELECT \(columns.map(\.source).joined(separator: ", ")) FROM \(name) ORDER BY \(order)"
            let rows = try Row.fetchCursor(db, sql: select)
            var values: [DatabaseValue] = []
            values.reserveCapacity(columns.count)
            while let row = try rows.next() {
                values.removeAll(keepingCapacity: true)
                for index in columns.indices {
                    values.append(row[index])
                }
                if let wrong = batch.append(values) {
                    let column = columns[wrong]
                    let article = column.kind == .integer ? "an" : "a"
                    throw StoreError(
                        code: .corruptValue,
                        database: source,
                        message: "\(name).\(column.name) of row \(copied + batch.count + 1) (in \(order) order) "
                            + "holds \(values[wrong]), which is not \(article) \(column.kind.rawValue)"
                    )
                }
                if let identityIndex, case .int64(let id) = values[identityIndex].storage {
                    highest = max(highest, id)
                }
                if batch.count >= batchSize { try flush() }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: source, message: "reading \(name): \(error)")
        }
        try flush()
        guard identity != nil else { return Copied(rows: copied, nextIdentity: nil) }
        if autoincrement,
            let used = try? Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [name])
        {
            highest = max(highest, used)
        }
        return Copied(rows: copied, nextIdentity: highest + 1)
    }
}
