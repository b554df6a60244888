public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation
import GRDB

/// The embedded ``Store``: one SQLite file in WAL mode, through GRDB, with versioned migrations.
///
/// Reads run on GRDB's reader connections and writes on its one writer (``SQLiteWriter``), each on GRDB's own
/// queues while the caller suspends; the feed sync, poll records and ingest are the relational store's, written
/// once for both backends, over ``SQLiteUnit``.
public final class SQLiteStore: Store, RelationalStore {
    /// The database file's path.
    public let path: String
    private let pool: DatabasePool
    private let writer: SQLiteWriter

    /// The database, as errors name it: the file's path.
    var database: String { path }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Parameter path: The SQLite file; its folder is created if missing.
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public init(path: String) throws(StoreError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        // The relational store's transactions span several accesses to the writer (see SQLiteWriter).
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(code: .cannotOpen, database: path, message: Self.describe(error))
        }
        do {
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(code: .migration, database: path, message: Self.describe(error))
        }
        writer = SQLiteWriter(pool: pool)
    }

    // MARK: - Feeds, items and topic state

    public func feeds() async throws(StoreError) -> [FeedRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(FeedColumns.list) FROM feed ORDER BY id").map(Self.feedRecord)
        }
    }

    public func existingKeys(feedID: Int64, keys: [String]) async throws(StoreError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try await read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[chunk..<min(chunk + 500, keys.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                var arguments: StatementArguments = [feedID]
                arguments += StatementArguments(slice)
                // Cached by its text, so feeds with the same number of items share one compiled statement.
                let statement = try db.cachedStatement(
                    sql: "SELECT dedupe_key FROM item WHERE feed_id = ? AND dedupe_key IN (\(marks))"
                )
                let rows = try String.fetchAll(statement, arguments: arguments)
                found.formUnion(rows)
            }
            return found
        }
    }

    public func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) async throws(StoreError)
        -> Bool
    {
        try await read { db in
            if let dedupeKey {
                let statement = try db.cachedStatement(
                    sql: "SELECT EXISTS (SELECT 1 FROM item WHERE dedupe_key = ? AND feed_id != ?)"
                )
                if try Bool.fetchOne(statement, arguments: [dedupeKey, feedID]) == true { return true }
            }
            let statement = try db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM item WHERE content_hash = ? AND feed_id != ?)"
            )
            return try Bool.fetchOne(statement, arguments: [contentHash, feedID]) ?? false
        }
    }

    public func topicStates() async throws(StoreError) -> [String: TopicState] {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT topic_id, state FROM topic_state").map { row in
                (topicID: row["topic_id"] as String, json: row["state"] as String)
            }
        }
        var states: [String: TopicState] = [:]
        for (topicID, json) in rows {
            let state = try topicState(json, topicID: topicID)
            states[state.topicID] = state
        }
        return states
    }

    public func itemCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item") ?? 0 }
    }

    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery WHERE state = 'pending'") ?? 0 }
    }

    public func checkHealth() async throws(StoreError) {
        // An immediate transaction takes the write lock (a file another process holds locked fails here, after the
        // busy timeout), and an UPDATE of no row is refused by a read-only file or `PRAGMA query_only` while writing
        // nothing.
        let writer = writer
        try await mapErrors {
            try await writer.transaction {
                try await writer.access { db in try db.execute(sql: "UPDATE feed SET id = id WHERE 0") }
            }
        }
    }

    // MARK: - Access

    func transaction<T: Sendable>(_ body: @escaping @Sendable (SQLiteUnit) async throws -> T) async throws(StoreError)
        -> T
    {
        let writer = writer
        return try await mapErrors { try await writer.transaction { try await body(SQLiteUnit(writer: writer)) } }
    }

    /// Runs `body` in a read transaction of a reader connection, on GRDB's queue: the caller suspends meanwhile.
    ///
    /// GRDB's callback interface rather than its `async` one, so a store call runs to its end even when the caller
    /// is cancelled (a graceful shutdown cancels the poll cycle, never a transaction), as PostgreSQL's do.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let pool = pool
        return try await mapErrors {
            try await withCheckedThrowingContinuation { continuation in
                pool.asyncRead { db in
                    continuation.resume(with: Result { try body(db.get()) })
                }
            }
        }
    }

    /// Runs `sql` on the writer connection in its turn, outside any transaction: for connection settings such as
    /// `PRAGMA query_only`, which the fault tests use to make the store refuse writes.
    func configureWriter(_ sql: String) async throws(StoreError) {
        let writer = writer
        try await mapErrors { try await writer.exclusiveAccess { db in try db.execute(sql: sql) } }
    }

    /// Runs `body` in one write transaction on the writer, in its turn (see ``SQLiteWriter``).
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let writer = writer
        return try await mapErrors { try await writer.write(body) }
    }

    private func mapErrors<T>(_ access: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await access()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: path, message: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error)"
        }
        return "\(error)"
    }

    /// Reads a row of ``FeedColumns/list`` by position.
    static func feedRecord(_ row: Row) -> FeedRecord {
        func date(_ index: Int) -> Date? {
            (row[index] as Double?).map(Date.init(timeIntervalSince1970:))
        }
        return FeedRecord(
            id: row[0],
            url: row[1],
            name: row[2],
            validators: ConditionalRequest(etag: row[3], lastModified: row[4]),
            nextPollAt: date(5),
            lastPolledAt: date(6),
            lastSuccessAt: date(7),
            lastStatus: row[8],
            lastError: row[9],
            consecutiveFailures: row[10],
            configuredURL: row[11],
            failingSince: date(12),
            failingAlerted: row[13],
            retiredAt: date(14),
            relinkTarget: row[15],
            relinkCount: row[16],
            lastNewItemAt: date(17),
            updateInterval: row[18],
            ttl: row[19]
        )
    }
}
