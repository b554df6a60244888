public import FeedWatchConfig
public import Foundation
import GRDB
public import Logging
import PostgresNIO

/// Moves an installation from its SQLite file into a PostgreSQL database: `feedwatch migrate`.
///
/// Every feed (schedule, validators, failure and retirement state), item, topic state, alert and delivery (state,
/// attempt count, next attempt, last error) is copied with its id and times unchanged, so a delivery still pending
/// keeps its alert id and its `webhook-id`: nothing is delivered twice or lost by the move. Live leases (the
/// `lease` table, a feed's `claimed_by` and `lease_until`) are not copied; they belong to running instances.
///
/// The source is opened read-only and read in one transaction (one consistent snapshot). The destination's schema
/// is created or brought up to date by ``PostgresStore``'s own migrations, then everything is copied in one
/// PostgreSQL transaction: either every row arrives or none does. A destination that already holds data is
/// refused, so a second run can neither duplicate nor mix installations.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://feedwatch@db.internal/feedwatch")
/// let migrator = StoreMigrator(
///     source: "/var/lib/feedwatch/feedwatch.sqlite",
///     destination: location,
///     password: try PostgresPassword.file("/etc/feedwatch/db-password").read(for: location)
/// )
/// let summary = try await migrator.run()
/// ```
public struct StoreMigrator: Sendable {
    /// The SQLite file copied from.
    public var source: String
    /// The PostgreSQL database copied into.
    public var destination: PostgresLocation
    /// The most rows one `INSERT` carries.
    public var batchSize: Int
    private let password: String?
    private let logger: Logger

    /// Creates a migrator; nothing is opened until ``run()``.
    ///
    /// - Parameters:
    ///   - source: The SQLite file, as the configuration's `database` names it.
    ///   - destination: The PostgreSQL database.
    ///   - password: The role's password, when the server asks for one.
    ///   - batchSize: The most rows one `INSERT` carries.
    ///   - logger: Where progress is logged, with the source and destination as metadata.
    public init(
        source: String,
        destination: PostgresLocation,
        password: String?,
        batchSize: Int = 1_000,
        logger: Logger = Logger(label: "feedwatch.migrate")
    ) {
        self.source = source
        self.destination = destination
        self.password = password
        self.batchSize = max(1, batchSize)
        var logger = logger
        logger[metadataKey: "source"] = "\(source)"
        logger[metadataKey: "destination"] = "\(destination)"
        self.logger = logger
    }

    /// What the summary lists as not copied.
    static let skipped = ["lease (live host and sink leases)", "feed.claimed_by and feed.lease_until (live claims)"]

    /// Copies everything, in one PostgreSQL transaction.
    ///
    /// - Returns: The rows copied per table, and how long it took.
    /// - Throws: ``StoreError``: `cannotOpen` when either database cannot be opened, `schemaMismatch` when the
    ///   source is not at this feedwatch's schema version, `notEmpty` when the destination already holds data,
    ///   `corruptValue` when a source value cannot be copied, `query` when a read or a write fails. After a failure
    ///   the destination holds no copied row.
    @discardableResult
    public func run() async throws(StoreError) -> StoreMigrationSummary {
        let clock = ContinuousClock()
        let started = clock.now
        logger.info("migrate started")
        let queue = try openSource()
        try await checkSchema(of: queue)
        let store = try await PostgresStore(location: destination, password: password, connections: 1, logger: logger)
        defer { store.close() }
        let tables: [StoreMigrationSummary.Table]
        do {
            tables = try await store.pool.withConnection { session in
                try await session.transaction {
                    try await session.run("SET LOCAL lock_timeout = '10s'")
                    let names = MigratedTable.all.map(\.name).joined(separator: ", ")
                    try await session.run(PostgresQuery(unsafeSQL: "LOCK TABLE \(names) IN EXCLUSIVE MODE"))
                    try await refuseUnlessEmpty(session)
                    // One read transaction over every table, left open across the pages each table is read in.
                    try await queue.writeWithoutTransaction { db in
                        try db.execute(sql: "BEGIN DEFERRED")
                        _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                    }
                    do {
                        let tables = try await copyTables(from: queue, into: session)
                        try await queue.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
                        return tables
                    } catch {
                        try? await queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
                        throw error
                    }
                }
            }
        } catch let error as StoreError {
            throw rolledBack(error)
        } catch {
            throw rolledBack(
                StoreError(
                    code: .query,
                    database: destination.description,
                    message: PostgresConnectionPool.describe(error)
                )
            )
        }
        let elapsed = clock.now - started
        let summary = StoreMigrationSummary(
            source: source,
            destination: destination.description,
            tables: tables,
            skipped: Self.skipped,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
        logger.info(
            "migrate done",
            metadata: [
                "rows": "\(summary.totalRows)", "seconds": "\(String(format: "%.2f", summary.seconds))",
                "rows_per_second": "\(Int(summary.rowsPerSecond))",
            ]
        )
        return summary
    }

    /// Opens the source read-only: the file is never created, written or migrated.
    private func openSource() throws(StoreError) -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError(
                code: .cannotOpen,
                database: source,
                message: "no such file; give the SQLite file the configuration's `database` names (--from sqlite:PATH)"
            )
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        // The copy reads every table in pages from one read transaction, which stays open between the pages.
        configuration.allowsUnsafeTransactions = true
        do {
            return try DatabaseQueue(path: source, configuration: configuration)
        } catch {
            throw StoreError(code: .cannotOpen, database: source, message: "\(error)")
        }
    }

    /// Refuses a source that is not exactly at this feedwatch's schema version (it is never migrated here).
    private func checkSchema(of queue: DatabaseQueue) async throws(StoreError) {
        let applied: Set<String>
        do {
            applied = try await queue.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) }
        } catch {
            throw StoreError(
                code: .cannotOpen,
                database: source,
                message: "cannot read it as an SQLite database: \(error)"
            )
        }
        let current = StoreSchema.versions.last ?? ""
        guard !applied.isEmpty else {
            throw StoreError(
                code: .schemaMismatch,
                database: source,
                message: "it holds no feedwatch schema; give the SQLite file the configuration's `database` names"
            )
        }
        let unknown = applied.subtracting(StoreSchema.versions).sorted()
        guard unknown.isEmpty else {
            throw StoreError(
                code: .schemaMismatch,
                database: source,
                message: "a newer feedwatch wrote it (schema versions \(unknown.joined(separator: ", ")), unknown to "
                    + "this one, whose latest is \(current)); run `feedwatch migrate` of that newer version"
            )
        }
        let missing = StoreSchema.versions.filter { !applied.contains($0) }
        guard missing.isEmpty else {
            let at = StoreSchema.versions.last(where: applied.contains) ?? "none"
            throw StoreError(
                code: .schemaMismatch,
                database: source,
                message: "its schema is at \(at), this feedwatch's at \(current), and migrate never writes to its "
                    + "source; bring it up to date first by running this feedwatch on it once (`feedwatch feeds list "
                    + "--config FILE` is enough), then migrate again"
            )
        }
    }

    /// Throws `notEmpty`, naming each table of the destination that already holds rows.
    private func refuseUnlessEmpty(_ session: PostgresSession) async throws {
        var occupied: [String] = []
        for table in MigratedTable.all {
            let count =
                try await session.run(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table.name)"))
                .first?.decode(Int.self) ?? 0
            if count > 0 { occupied.append("\(table.name): \(count) \(count == 1 ? "row" : "rows")") }
        }
        guard occupied.isEmpty else {
            throw StoreError(
                code: .notEmpty,
                database: destination.description,
                message: occupied.joined(separator: ", ")
            )
        }
    }

    /// Copies every table in order, then moves the identity sequences past the copied ids.
    private func copyTables(
        from queue: DatabaseQueue,
        into session: PostgresSession
    ) async throws(StoreError) -> [StoreMigrationSummary.Table] {
        var tables: [StoreMigrationSummary.Table] = []
        for table in MigratedTable.all {
            let tableStarted = ContinuousClock.now
            let copied = try await table.copy(
                from: queue,
                into: session,
                batchSize: batchSize,
                sourceName: source,
                destination: destination.description
            )
            if let identity = table.identity, let next = copied.nextIdentity {
                do {
                    try await session.run(
                        "SELECT setval(pg_get_serial_sequence(\(table.name), \(identity)), \(next), false)"
                    )
                } catch {
                    throw StoreError(
                        code: .query,
                        database: destination.description,
                        message: "continuing the ids of \(table.name): \(PostgresConnectionPool.describe(error))"
                    )
                }
            }
            tables.append(StoreMigrationSummary.Table(name: table.name, rows: copied.rows))
            logger.info(
                "migrate copied a table",
                metadata: [
                    "table": "\(table.name)", "rows": "\(copied.rows)",
                    "elapsed": "\(ContinuousClock.now - tableStarted)",
                ]
            )
        }
        return tables
    }

    /// The error of a failed copy, saying that the destination was left without any copied row.
    private func rolledBack(_ error: StoreError) -> StoreError {
        guard error.code != .notEmpty else { return error }
        var error = error
        error.message +=
            "; nothing was copied into \(destination) (its transaction was rolled back), so migrate can run again "
            + "once the cause is fixed"
        return error
    }
}
