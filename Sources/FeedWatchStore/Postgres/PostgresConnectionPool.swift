import FeedWatchConfig
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The store's PostgreSQL connections: a postgres-nio `PostgresClient`, whose `run()` a task of the pool drives.
///
/// Every call is asynchronous from end to end: a query suspends its caller until the server answers, and no thread
/// of the Swift concurrency pool ever blocks on a future or a lock. A caller takes a connection for the length of
/// one store call (one transaction); when all are taken, it waits for one to come back. The client replaces a
/// connection that failed, and keeps idle ones alive.
///
/// A store call runs in a task of its own, so cancelling its caller (a graceful shutdown cancels the poll cycle)
/// never cuts a transaction short: it commits or rolls back as it would have, and the caller gets its result.
///
/// The client's `run()` is driven by a detached task the pool owns rather than by the daemon's `ServiceGroup`: the
/// command-line tools open stores without one, and the service group would end `run()` at graceful shutdown, before
/// the poll loop's last transaction. ``close()`` (or releasing the pool) ends it.
final class PostgresConnectionPool: Sendable {
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let connection: PostgresConnection.Configuration
    private let logger: Logger

    /// Where the pool connects, for errors.
    let location: PostgresLocation

    /// Creates a pool; no connection is made until one is needed.
    ///
    /// - Parameters:
    ///   - location: The database.
    ///   - password: The role's password, if the server asks for one.
    ///   - size: The most connections held at once.
    ///   - logger: Where postgres-nio logs background events.
    /// - Throws: ``StoreError`` when TLS cannot be set up.
    init(location: PostgresLocation, password: String?, size: Int, logger: Logger) throws(StoreError) {
        self.location = location
        self.logger = logger
        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable:
                tls = .disable
                connectionTLS = .disable
            case .prefer:
                tls = .prefer(.makeClientConfiguration())
                connectionTLS = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require:
                tls = .require(.makeClientConfiguration())
                connectionTLS = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError(code: .cannotOpen, database: location.description, message: "TLS: \(error)")
        }
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: password,
            database: location.database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = max(1, size)
        var connection = PostgresConnection.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: password,
            database: location.database,
            tls: connectionTLS
        )
        connection.options.connectTimeout = .seconds(10)
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
            connection.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.connection = connection
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        running = Task.detached { await client.run() }
    }

    deinit {
        running.cancel()
    }

    /// Runs `body` with a connection of the pool, in a task of its own (see the type's notes on cancellation).
    ///
    /// - Throws: What `body` throws, or postgres-nio's error when no connection can be had.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T
    {
        let client = client
        let logger = logger
        return try await Task {
            try await client.withConnection { connection in
                try await body(PostgresSession(connection: connection, logger: logger))
            }
        }.value
    }

    /// Runs `body` on a connection of its own, opened for it and closed after: the store's first contact with the
    /// server (its migrations), so a refused login or an unreachable server is reported at once, in the server's
    /// words, rather than as a pool that keeps retrying.
    ///
    /// - Throws: ``StoreError`` with code `cannotOpen` when the connection cannot be made, or what `body` throws.
    func withOwnConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws
        -> T
    {
        let configuration = connection
        let logger = logger
        let location = location
        return try await Task {
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            } catch {
                throw StoreError(code: .cannotOpen, database: location.description, message: Self.describe(error))
            }
            do {
                let value = try await body(PostgresSession(connection: connection, logger: logger))
                try? await connection.close()
                return value
            } catch {
                try? await connection.close()
                throw error
            }
        }.value
    }

    /// Closes the pool's connections; later calls fail.
    func close() {
        running.cancel()
    }

    /// The words of a PostgreSQL error: the server's message and SQLSTATE when the server answered, the client's
    /// error code otherwise (postgres-nio's own description hides both). Never includes the password, which no
    /// error holds.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                let detail = error.serverInfo?[.detail].map { ": \($0)" } ?? ""
                return message + detail + state
            }
            if let underlying = error.underlying {
                return "\(error.code): \(underlying)"
            }
            return "\(error.code)"
        }
        if let error = error as? PostgresDecodingError {
            return "cannot decode column \(error.columnName): \(error.code)"
        }
        return "\(error)"
    }
}

/// One connection, lent to one store call; every query suspends its caller until the server has answered.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs one statement and collects its rows.
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        // The future interface collects the rows and the command tag (the changed-row count) together, and its
        // `get()` suspends without blocking a thread.
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        return try await result.get()
    }

    /// Runs one statement and returns how many rows it changed.
    func changes(_ query: PostgresQuery) async throws -> Int {
        try await run(query).metadata.rows ?? 0
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () async throws -> T) async throws -> T {
        try await run("BEGIN")
        do {
            let value = try await body()
            try await run("COMMIT")
            return value
        } catch {
            _ = try? await run("ROLLBACK")
            throw error
        }
    }
}
