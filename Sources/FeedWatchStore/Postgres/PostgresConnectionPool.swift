import FeedWatchConfig
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

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
/// Nothing waits on the server for ever: connecting and logging in, and each statement's answer (see
/// ``PostgresSession``), are given up after the store's timeout (`database_timeout`), and waiting for a free
/// connection after ``leaseTimeout``.
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
    /// How long connecting and logging in, or a statement, may wait for the server.
    let timeout: Duration

    /// Creates a pool; no connection is made until one is needed.
    ///
    /// - Parameters:
    ///   - location: The database.
    ///   - password: The role's password, if the server asks for one.
    ///   - size: The most connections held at once.
    ///   - timeout: How long connecting and logging in, or a statement, may wait for the server.
    ///   - logger: Where postgres-nio logs background events.
    /// - Throws: ``StoreError`` when TLS cannot be set up.
    init(
        location: PostgresLocation,
        password: String?,
        size: Int,
        timeout: Duration,
        logger: Logger
    ) throws(StoreError) {
        self.location = location
        self.timeout = timeout
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
        // postgres-nio's connect timeout covers the TCP connection and the login that follows it.
        configuration.options.connectTimeout = timeout
        configuration.options.maximumConnections = max(1, size)
        var connection = PostgresConnection.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: password,
            database: location.database,
            tls: connectionTLS
        )
        connection.options.connectTimeout = TimeAmount.nanoseconds(Self.nanoseconds(timeout))
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

    /// How long a store call waits for a connection before it fails: the pool itself would wait for ever while the
    /// server is away, and the loops must see the failure to back off and say so.
    static let leaseTimeout: Duration = .seconds(10)

    /// The pool lent a connection that had closed: the call asks for another.
    private struct StaleConnection: Error {}

    /// Whether a call got its connection in time: decided once, by whichever comes first.
    private final class Lease: Sendable {
        private enum State {
            case waiting, leased, abandoned
        }

        private let state = Mutex(State.waiting)

        /// The connection came: true when in time (the call goes on), false when the call was given up.
        func take() -> Bool { settle(.leased) }

        /// The time is up: true when no connection came (the call is given up).
        func abandon() -> Bool { settle(.abandoned) }

        private func settle(_ outcome: State) -> Bool {
            state.withLock { state in
                guard state == .waiting else { return false }
                state = outcome
                return true
            }
        }
    }

    /// Runs `body` with a connection of the pool, in a task of its own (see the type's notes on cancellation).
    ///
    /// Waiting for the connection is given up after ``leaseTimeout`` (the server is away, or every connection stays
    /// busy); `body`, once it runs, runs to its end, each of its statements waiting at most ``timeout`` for the
    /// server.
    ///
    /// - Throws: What `body` throws, or ``StoreError`` when no connection could be had in time.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T
    {
        let client = client
        let logger = logger
        let location = location
        let timeout = timeout
        return try await Task {
            let lease = Lease()
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    while true {
                        do {
                            return try await client.withConnection { connection in
                                if connection.isClosed {
                                    // The pool learns of a close a moment after it happens, and may lend a connection
                                    // that has just closed: hand it back once the pool knows, and take another.
                                    try? await connection.closeFuture.get()
                                    throw StaleConnection()
                                }
                                guard lease.take() else { throw CancellationError() }
                                let session = PostgresSession(
                                    connection: connection,
                                    logger: logger,
                                    deadline: timeout,
                                    database: location.description
                                )
                                return try await body(session)
                            }
                        } catch is StaleConnection {
                            try Task.checkCancellation()
                        }
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: Self.leaseTimeout)
                    guard lease.abandon() else { return nil }
                    throw StoreError(
                        code: .query,
                        database: location.description,
                        message:
                            "no connection to the server within \(Self.leaseTimeout) (is it running and reachable?)"
                    )
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw CancellationError()
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
        let timeout = timeout
        return try await Task {
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            } catch {
                let timedOut = Self.isConnectTimeout(error)
                throw StoreError(
                    code: timedOut ? .timeout : .cannotOpen,
                    database: location.description,
                    message: timedOut
                        ? "no answer within \(Self.seconds(timeout)) while connecting and logging in"
                        : Self.describe(error)
                )
            }
            do {
                let session = PostgresSession(
                    connection: connection,
                    logger: logger,
                    deadline: timeout,
                    database: location.description
                )
                let value = try await body(session)
                try? await connection.close()
                return value
            } catch {
                try? await connection.close()
                throw error
            }
        }.value
    }

    /// Whether `error` is postgres-nio's connect timeout: no connection, or no answer to the login, in time.
    static func isConnectTimeout(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .connectionError,
            case .connectTimeout = error.underlying as? ChannelError
        else { return false }
        return true
    }

    /// `duration` in whole nanoseconds, for NIO's timers.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// `duration` as the configuration writes it: `30 s`, `1.5 s`.
    static func seconds(_ duration: Duration) -> String {
        let seconds = Double(nanoseconds(duration)) / 1e9
        return seconds == seconds.rounded() ? "\(Int64(seconds)) s" : "\(seconds) s"
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
