import GRDB
import PostgresNIO

/// One table `feedwatch migrate` copies from SQLite into PostgreSQL: its columns, how each value is typed, and how
/// its identity sequence continues after the copy.
///
/// Ids, alert ids and times are copied as they are stored (times are seconds since 1970 as `DOUBLE` on both
/// backends), so a pending delivery keeps its alert id and with it its `webhook-id`. Rows are read in primary-key
/// order from one SQLite read transaction and written with multi-row `INSERT`s of up to ``batchLimit`` values.
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

    /// The most values one `INSERT` binds (PostgreSQL accepts 65,535).
    static let batchLimit = 60_000

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
        columns: [Column("topic_id", .text), Column("state", .text), Column("updated_at", .real)],
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

    /// How many rows one `INSERT` carries.
    func rowsPerInsert(batchSize: Int) -> Int {
        max(1, min(batchSize, Self.batchLimit / columns.count))
    }

    /// The `INSERT` of `rows` rows, its values bound as `$1…`.
    func insertSQL(rows: Int) -> String {
        let width = columns.count
        let tuples = (0..<rows).map { row in
            "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ",") + ")"
        }
        return "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", ")))"
            + (overridesIdentity ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES " + tuples.joined(separator: ",")
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
        let perInsert = rowsPerInsert(batchSize: batchSize)
        let fullInsert = insertSQL(rows: perInsert)
        var binds = PostgresBindings(capacity: perInsert * columns.count)
        var pending = 0
        var copied = 0
        var highest: Int64 = 0
        let identityIndex = identity.flatMap { identity in columns.firstIndex { $0.name == identity } }

        func flush() throws(StoreError) {
            guard pending > 0 else { return }
            let sql = pending == perInsert ? fullInsert : insertSQL(rows: pending)
            let inserted: Int
            do {
                inserted = try session.changes(PostgresQuery(unsafeSQL: sql, binds: binds))
            } catch {
                throw StoreError(
                    code: .query,
                    database: destination,
                    message: "inserting into \(name): \(PostgresConnectionPool.describe(error))"
                )
            }
            guard inserted == pending else {
                throw StoreError(
                    code: .query,
                    database: destination,
                    message: "\(name) took \(inserted) of \(pending) rows"
                )
            }
            copied += pending
            pending = 0
            binds = PostgresBindings(capacity: perInsert * columns.count)
        }

        do {
            let select = "SELECT \(columns.map(\.source).joined(separator: ", ")) FROM \(name) ORDER BY \(order)"
            let rows = try Row.fetchCursor(db, sql: select)
            while let row = try rows.next() {
                for (index, column) in columns.enumerated() {
                    let value: DatabaseValue = row[index]
                    try bind(value, of: column, row: copied + pending + 1, into: &binds, source: source)
                    if index == identityIndex, case .int64(let id) = value.storage {
                        highest = max(highest, id)
                    }
                }
                pending += 1
                if pending == perInsert { try flush() }
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

    /// Binds one SQLite value as its column's PostgreSQL type.
    private func bind(
        _ value: DatabaseValue,
        of column: Column,
        row: Int,
        into binds: inout PostgresBindings,
        source: String
    ) throws(StoreError) {
        switch (column.kind, value.storage) {
        case (_, .null):
            binds.appendNull()
        case (.integer, .int64(let integer)):
            binds.append(integer)
        case (.real, .double(let real)):
            binds.append(real)
        case (.real, .int64(let integer)):
            binds.append(Double(integer))
        case (.text, .string(let text)):
            binds.append(text)
        case (.boolean, .int64(let flag)):
            binds.append(flag != 0)
        default:
            throw StoreError(
                code: .corruptValue,
                database: source,
                message: "\(name).\(column.name) of row \(row) (in \(order) order) holds \(value), "
                    + "which is not \(column.kind == .integer ? "an" : "a") \(column.kind.rawValue)"
            )
        }
    }
}
