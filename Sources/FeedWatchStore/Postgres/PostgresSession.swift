import Logging
import NIOCore
import PostgresNIO

/// One connection, lent to one store call: every statement suspends its caller until the server has answered, or
/// until ``deadline`` has passed.
///
/// A statement that gets no answer in time (the server hangs, or the network to it was cut without the connection
/// closing) closes the connection, which fails the statement and makes the server roll back an open transaction, and
/// throws ``StoreError`` with code ``StoreError/Code/timeout``. The pool replaces the closed connection.
struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    /// How long a statement waits for the server's answer.
    let deadline: Duration
    /// The database, for errors.
    let database: String

    /// The session with statements allowed to take `longer`, when that is longer than ``deadline``: for schema
    /// changes, which may rebuild a large table or index once.
    func allowing(_ longer: Duration) -> PostgresSession {
        PostgresSession(connection: connection, logger: logger, deadline: max(deadline, longer), database: database)
    }

    /// Runs one statement and collects its rows.
    ///
    /// - Throws: What the server answered, or ``StoreError`` when the connection is closed or no answer came within
    ///   ``deadline``.
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        let connection = connection
        let logger = logger
        let eventLoop = connection.eventLoop
        let answer = eventLoop.makePromise(of: PostgresQueryResult.self)
        let closed = StoreError(
            code: .query,
            database: database,
            message: "the connection to the server was closed (is it running and reachable?)"
        )
        let late = StoreError(
            code: .timeout,
            database: database,
            message: "no answer to a statement within \(PostgresConnectionPool.seconds(deadline))"
        )
        let deadline = TimeAmount.nanoseconds(PostgresConnectionPool.nanoseconds(deadline))
        // Checked and written on the connection's event loop, where the channel closes: postgres-nio drops a
        // statement written to a channel that has closed, and its promise with it, so that statement would never
        // be answered.
        eventLoop.execute {
            // Either failure is reported once the close is complete, so the pool knows of it before the connection
            // goes back to it and lends it to no one else.
            guard !connection.isClosed else {
                connection.closeFuture.whenComplete { _ in answer.fail(closed) }
                return
            }
            let timedOut = NIOLoopBoundBox(false, eventLoop: eventLoop)
            let timer = eventLoop.scheduleTask(in: deadline) {
                timedOut.value = true
                // A hard close fails whatever the connection still has in flight; the server rolls back.
                connection.close().whenComplete { _ in answer.fail(late) }
            }
            // The future interface collects the rows and the command tag (the changed-row count) together.
            connection.query(query, logger: logger).whenComplete { result in
                guard !timedOut.value else { return }
                timer.cancel()
                answer.completeWith(result)
            }
        }
        return try await answer.futureResult.get()
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
            // On a closed connection this fails at once; the server rolls back a transaction whose connection ends.
            _ = try? await run("ROLLBACK")
            throw error
        }
    }
}
