public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation
public import Logging
import PostgresNIO

/// The shared ``Store``: a PostgreSQL database (through postgres-nio) that several feedwatch instances use at once.
///
/// It keeps ``SQLiteStore``'s schema and guarantees: an item, its topic states, its alerts and one delivery per sink
/// are written in one transaction; an alert id is stored once (a primary key), so two instances never raise the
/// same alert twice. Writes that read before they write (ingesting items, syncing feeds) hold a transaction-level
/// advisory lock, which makes them as serial as SQLite's single writer, across every instance.
///
/// Calls suspend their caller until PostgreSQL answers, and run to their end even when the caller is cancelled; see
/// ``PostgresConnectionPool``. None waits for ever: a server that does not answer within the timeout (connecting
/// and logging in, or any one statement) fails the call with ``StoreError/Code/timeout``.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://feedwatch@127.0.0.1:5432/feedwatch")
/// let store = try await PostgresStore(location: location, password: password, logger: logger)
/// ```
public final class PostgresStore: Store, RelationalStore {
    /// The database, as shown in logs and errors (never with a password).
    public let database: String
    let pool: PostgresConnectionPool

    /// How long the server may take to accept a connection and login, or to answer a statement, by default
    /// (`database_timeout`).
    public static let defaultTimeout: Duration = .seconds(30)

    /// Connects to the database and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - location: The database.
    ///   - password: The role's password, when the server asks for one.
    ///   - connections: The most connections this store holds at once.
    ///   - timeout: How long the server may take to accept a connection and login, or to answer a statement,
    ///     before the call fails (``defaultTimeout``).
    ///   - logger: Where postgres-nio logs connection events.
    /// - Throws: ``StoreError`` with code `cannotOpen` when the server cannot be reached or refuses the login,
    ///   `timeout` when it does not answer in time, `migration` when the schema cannot be brought up to date.
    public init(
        location: PostgresLocation,
        password: String?,
        connections: Int = 4,
        timeout: Duration = PostgresStore.defaultTimeout,
        logger: Logger = Logger(label: "feedwatch.postgres")
    ) async throws(StoreError) {
        database = location.description
        pool = try PostgresConnectionPool(
            location: location,
            password: password,
            size: connections,
            timeout: timeout,
            logger: logger
        )
        do {
            try await migrate()
        } catch {
            pool.close()
            throw error
        }
    }

    /// Closes the store's connections; later calls fail.
    public func close() {
        pool.close()
    }

    // MARK: - Feeds, items and topic state

    public func feeds() async throws(StoreError) -> [FeedRecord] {
        try await read { session in
            try await session.run(PostgresQuery(unsafeSQL: "SELECT \(FeedColumns.list) FROM feed ORDER BY id"))
                .map(Self.feedRecord)
        }
    }

    public func existingKeys(feedID: Int64, keys: [String]) async throws(StoreError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try await read { session in
            let rows = try await session.run(
                "SELECT dedupe_key FROM item WHERE feed_id = \(feedID) AND dedupe_key = ANY(\(keys))"
            )
            return Set(try rows.map { try $0.decode(String.self) })
        }
    }

    public func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) async throws(StoreError)
        -> Bool
    {
        try await read { session in
            try await Self.isKnownElsewhere(feedID: feedID, dedupeKey: dedupeKey, contentHash: contentHash, in: session)
        }
    }

    private static func isKnownElsewhere(
        feedID: Int64,
        dedupeKey: String?,
        contentHash: String,
        in session: PostgresSession
    ) async throws -> Bool {
        if let dedupeKey {
            let rows = try await session.run(
                "SELECT EXISTS (SELECT 1 FROM item WHERE dedupe_key = \(dedupeKey) AND feed_id != \(feedID))"
            )
            if try rows.first?.decode(Bool.self) == true { return true }
        }
        let rows = try await session.run(
            "SELECT EXISTS (SELECT 1 FROM item WHERE content_hash = \(contentHash) AND feed_id != \(feedID))"
        )
        return try rows.first?.decode(Bool.self) ?? false
    }

    public func topicStates() async throws(StoreError) -> [String: TopicState] {
        let rows = try await read { session in
            try await session.run("SELECT topic_id, state FROM topic_state").map {
                try $0.decode((String, String).self)
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
        try await read { session in try await session.run("SELECT COUNT(*) FROM item").first?.decode(Int.self) ?? 0 }
    }

    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try await read { session in
            try await session.run("SELECT COUNT(*) FROM delivery WHERE state = 'pending'").first?.decode(Int.self) ?? 0
        }
    }

    public func checkHealth() async throws(StoreError) {
        // An UPDATE of no row, in a transaction: refused by a read-only server or transaction, while writing nothing.
        try await write { session in _ = try await session.run("UPDATE feed SET id = id WHERE false") }
    }

    // MARK: - Access

    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresUnit) async throws -> T)
        async throws(StoreError) -> T
    {
        try await write { session in try await body(PostgresUnit(session: session)) }
    }

    static func describe(_ error: any Error) -> String {
        PostgresConnectionPool.describe(error)
    }

    /// Runs `body` on a connection of its own, outside any explicit transaction (each statement commits alone).
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws(StoreError)
        -> T
    {
        try await run { session in try await body(session) }
    }

    /// Runs `body` in one transaction: all of its writes are committed together, or none is.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws(StoreError)
        -> T
    {
        try await run { session in try await session.transaction { try await body(session) } }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T)
        async throws(StoreError) -> T
    {
        do {
            return try await pool.withConnection(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: database, message: Self.describe(error))
        }
    }

    /// Reads a row of ``FeedColumns/list`` by position.
    static func feedRecord(_ row: PostgresRow) throws -> FeedRecord {
        let row = row.makeRandomAccess()
        func date(_ index: Int) throws -> Date? {
            try row[index].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
        }
        return FeedRecord(
            id: try row[0].decode(Int64.self),
            url: try row[1].decode(String.self),
            name: try row[2].decode(String?.self),
            validators: ConditionalRequest(
                etag: try row[3].decode(String?.self),
                lastModified: try row[4].decode(String?.self)
            ),
            nextPollAt: try date(5),
            lastPolledAt: try date(6),
            lastSuccessAt: try date(7),
            lastStatus: try row[8].decode(Int?.self),
            lastError: try row[9].decode(String?.self),
            consecutiveFailures: try row[10].decode(Int.self),
            configuredURL: try row[11].decode(String?.self),
            failingSince: try date(12),
            failingAlerted: try row[13].decode(Bool.self),
            retiredAt: try date(14),
            relinkTarget: try row[15].decode(String?.self),
            relinkCount: try row[16].decode(Int.self),
            lastNewItemAt: try date(17),
            updateInterval: try row[18].decode(Double?.self),
            ttl: try row[19].decode(Double?.self)
        )
    }
}
