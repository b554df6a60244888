import Foundation
import InMemoryLogging
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchFetch
@testable import FeedWatchStore

extension DaemonProcessTests {
    /// The running daemon on PostgreSQL (the test server `Scripts/with-postgres.sh` starts) while the server goes away
    /// and comes back: the daemon reaches it through a TCP proxy the test kills, which drops every connection and
    /// refuses new ones as a stopped server would, and starts again on the same port. One of the serialized process
    /// suites: it counts the requests of a window, and its daemon would load the machine beside the crash test's.
    @Suite("PostgreSQL going away and coming back")
    struct PostgresFaultTests {
        @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage), .timeLimit(.minutes(3)))
        func theDaemonBacksOffWhilePostgresIsAwayAndLosesNothingWhenItIsBack() async throws {
            let directory = try TemporaryDirectory()
            let server = try StoreBackend.postgresLocation()
            let proxy = try await TCPProxy.start(to: server.port)
            var proxied = server
            proxied.port = proxy.port
            let location = proxied
            let passwordFile = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE"]
            try await TestFeedServer.withServer { server in
                let logs = InMemoryLogHandler()
                server.publish("/wire.xml", text: FaultScenario.feed(count: 3))
                let database =
                    "database: \"\(location)&sslmode=disable\""
                    + (passwordFile.map { "\ndatabase_password_file: \($0)" } ?? "")
                let app = try await FeedWatchApplication(
                    configuration: try FaultScenario.configuration(database: database, server: server, in: directory),
                    logger: Logger(label: "faults") { _ in logs },
                    random: .constant(0)
                )
                try await FaultScenario.run(
                    app,
                    logs: logs,
                    server: server,
                    window: .seconds(8),
                    errorMentions: location.host,
                    inject: { proxy.stop() },
                    lift: { try await proxy.start() }
                )
                try? await (app.store as? PostgresStore)?.dropSchema()
            }
        }
    }
}
