import Foundation
import PostgresNIO
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchStore

/// A PostgreSQL call never waits for ever: a server that stops answering (hung, or a network that swallows
/// everything without closing the connection) fails the call within the store's timeout with an error that says so,
/// and the store works again once the server answers.
@Suite("PostgresStore: every call has a deadline")
struct PostgresDeadlineTests {
    /// The timeout the tests give the store: short, so a test lasts seconds, and long enough for every statement
    /// of a test run beside the whole suite on two cores.
    static let timeout: Duration = .seconds(5)

    @Test(.timeLimit(.minutes(1)))
    func aServerThatAcceptsTheConnectionButNeverAnswersFailsTheOpenWithinTheTimeout() async throws {
        let listener = try SilentListener()
        let location = PostgresLocation(
            host: "127.0.0.1",
            port: listener.port,
            user: "feedwatch",
            database: "news",
            tls: .disable
        )
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) {
            try await PostgresStore(location: location, password: "s3cret-password", timeout: Self.timeout)
        }
        let waited = ContinuousClock.now - started
        #expect(error?.code == .timeout)
        #expect(
            error?.description
                == "the database postgres://feedwatch@127.0.0.1:\(listener.port)/news did not answer: no answer within "
                + "5 s while connecting and logging in. Check that the server is running, reachable and not "
                + "overloaded; if it is merely slow, raise database_timeout."
        )
        #expect(waited >= Self.timeout && waited < Self.timeout + .seconds(8), "gave up after \(waited)")
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage), .timeLimit(.minutes(1)))
    func aStatementTheServerNeverAnswersFailsWithinTheTimeoutAndTheStoreRecovers() async throws {
        let (store, proxy) = try await Self.storeBehindProxy()
        #expect(try await store.itemCount() == 0)

        // The network goes quiet: the connection stays open, and nothing comes back.
        proxy.freeze()
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) { try await store.itemCount() }
        let waited = ContinuousClock.now - started
        #expect(error?.code == .timeout)
        #expect(
            error?.description
                == "the database \(store.database) did not answer: no answer to a statement within 5 s. Check that "
                + "the server is running, reachable and not overloaded; if it is merely slow, raise database_timeout."
        )
        #expect(waited >= Self.timeout && waited < Self.timeout + .seconds(8), "gave up after \(waited)")

        proxy.thaw()
        #expect(try await store.itemCount() == 0, "a new connection serves the next call")
        try await store.dropSchema()
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage), .timeLimit(.minutes(1)))
    func aStatementOnAConnectionThatHasClosedFailsAtOnce() async throws {
        let (store, proxy) = try await Self.storeBehindProxy()
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) {
            try await store.pool.withConnection { session in
                try await session.run("SELECT 1")
                proxy.stop()
                while !session.connection.isClosed { try await Task.sleep(for: .milliseconds(10)) }
                // The channel is closed and postgres-nio has taken its handlers down: a statement written now
                // would never be answered.
                try await Task.sleep(for: .milliseconds(100))
                return try await session.run("SELECT 2").rows.count
            }
        }
        let waited = ContinuousClock.now - started
        #expect(error?.code == .query)
        #expect(error?.message.contains("connection to the server was closed") == true)
        #expect(waited < Self.timeout, "gave up after \(waited), at the deadline rather than at once")
        try await proxy.start()
        try await store.dropSchema()
    }

    /// A store of a fresh schema on the test server, reached through a proxy the test can freeze or kill.
    private static func storeBehindProxy() async throws -> (PostgresStore, TCPProxy) {
        let server = try StoreBackend.postgresLocation()
        let proxy = try await TCPProxy.start(to: server.port)
        var proxied = server
        proxied.port = proxy.port
        let store = try await PostgresStore(
            location: proxied,
            password: StoreBackend.postgresPassword,
            connections: 1,
            timeout: timeout
        )
        return (store, proxy)
    }
}
