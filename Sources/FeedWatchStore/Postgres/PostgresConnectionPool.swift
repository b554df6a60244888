import FeedWatchConfig
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A few PostgreSQL connections shared by the store's synchronous methods.
///
/// ``Store`` is synchronous (`throws(StoreError)`), like GRDB, and its callers are actors and tasks. postgres-nio
/// runs every connection on its own NIO event-loop threads, so a caller waits for a query by blocking on the
/// query's `EventLoopFuture` (`wait()`): the work happens on an event loop, never on the Swift concurrency pool,
/// so the wait cannot deadlock however few cooperative threads there are. Bridging through `Task` and a semaphore
/// instead could: the blocked caller may hold the very cooperative thread the task needs. The cost is the same as
/// SQLite's: one cooperative thread is busy for the length of a query.
///
/// A caller takes a connection for the length of one store call (one transaction); when all are taken, it waits
/// for one to come back. A connection that failed at the transport level is closed and replaced on next use.
final class PostgresConnectionPool: @unchecked Sendable {
    // @unchecked: `idle`, `open` and `nextID` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0
    private var closed = false
    private let limit: Int
    private let configuration: PostgresConnection.Configuration
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
        self.limit = max(1, size)
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable:
                tls = .disable
            case .prefer:
                tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError(code: .cannotOpen, database: location.description, message: "TLS: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: password,
            database: location.database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(10)
        if let schema = location.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.configuration = configuration
    }

    deinit {
        close()
    }

    /// Runs `body` with a connection of its own, waiting for one when all are in use.
    ///
    /// - Throws: ``StoreError`` when no connection can be made, or what `body` throws.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try checkOut()
        var broken = false
        defer { checkIn(connection, broken: broken || connection.isClosed) }
        do {
            return try body(PostgresSession(connection: connection, logger: logger))
        } catch {
            broken = Self.isTransportFailure(error)
            throw error
        }
    }

    /// Closes every idle connection and refuses new ones; connections in use close when they come back.
    func close() {
        condition.lock()
        closed = true
        let connections = idle
        idle = []
        open -= connections.count
        condition.broadcast()
        condition.unlock()
        for connection in connections {
            try? connection.close().wait()
        }
    }

    private func checkOut() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= limit && !closed {
            condition.wait()
        }
        if closed {
            condition.unlock()
            throw StoreError(code: .query, database: location.description, message: "the store is closed")
        }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(),
                configuration: configuration,
                id: id,
                logger: logger
            ).wait()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw StoreError(code: .cannotOpen, database: location.description, message: Self.describe(error))
        }
    }

    private func checkIn(_ connection: PostgresConnection, broken: Bool) {
        condition.lock()
        let keep = !broken && !closed
        if keep {
            idle.append(connection)
        } else {
            open -= 1
        }
        condition.signal()
        condition.unlock()
        if !keep {
            try? connection.close().wait()
        }
    }

    private static func isTransportFailure(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return error.code != .server
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

/// One connection, lent to one store call; every query blocks its caller until the server has answered.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs one statement and collects its rows.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    /// Runs one statement and returns how many rows it changed.
    func changes(_ query: PostgresQuery) throws -> Int {
        try run(query).metadata.rows ?? 0
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN")
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }
}
