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

/// The running daemon on PostgreSQL (the test server `Scripts/with-postgres.sh` starts) while the server goes away
/// and comes back: the daemon reaches it through a TCP proxy the test kills, which drops every connection and
/// refuses new ones as a stopped server would, and starts again on the same port.
@Suite("PostgreSQL going away and coming back")
struct PostgresFaultTests {
    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func theDaemonBacksOffWhilePostgresIsAwayAndLosesNothingWhenItIsBack() async throws {
        let directory = try TemporaryDirectory()
        let server = try StoreBackend.postgresLocation()
        let proxy = try await TCPProxy.start(to: server.port)
        var proxied = server
        proxied.port = proxy.port
        let location = proxied
        let passwordFile = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE"]
        try await TestFeedServer.withServer { feeds in
            feeds.publish("/wire.xml", text: StoreFaultTests.feed(count: 3))
            let yaml = """
                database: "\(location)&sslmode=disable"
                \(passwordFile.map { "database_password_file: \($0)" } ?? "")
                backfill: alert
                poll:
                  timeout: 5s
                  startup_spread: 0
                  host_gap: 0
                feeds:
                  - url: \(feeds.url("/wire.xml"))
                    interval: 2s
                topics:
                  - id: ceasefire
                    match: ceasefire
                sinks:
                  - type: webhook
                    url: \(feeds.url("/hooks"))
                """
            let configuration = try FeedWatchConfiguration.load(contentsOf: try directory.write(yaml, to: "config.yml"))
            let logs = InMemoryLogHandler()
            let app = try await FeedWatchApplication(
                configuration: configuration,
                logger: Logger(label: "faults") { _ in logs },
                random: .constant(0)
            )
            let store = app.store
            let group = ServiceGroup(
                configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(try await Self.waitUntil(seconds: 20) { try await store.itemCount() == 3 })

                // PostgreSQL goes away, and the feed changes meanwhile.
                proxy.stop()
                feeds.publish("/wire.xml", text: StoreFaultTests.feed(count: 8))
                let start = feeds.requests(to: "/wire.xml").count
                // A store call gives up waiting for a connection after 10 s; the loop then backs off.
                try await Task.sleep(for: .seconds(14))
                let duringFault = feeds.requests(to: "/wire.xml").count - start
                #expect(duringFault <= 5, "\(duringFault) requests in 14 s while PostgreSQL was away")

                try await proxy.start()
                #expect(
                    try await Self.waitUntil(seconds: 40) { try await store.itemCount() == 8 },
                    "the items published while PostgreSQL was away are stored once it is back"
                )
                let alerts = try await store.alerts(limit: 100)
                #expect(
                    try await Self.waitUntil(seconds: 20) {
                        try await store.deliveryStates(sink: "webhook").values.allSatisfy { $0 == .delivered }
                    }
                )
                let sent = feeds.webhooks.compactMap { $0.headers["webhook-id"] }
                #expect(Set(sent) == Set(alerts.map(\.id)), "every alert arrived")
                #expect(sent.count == Set(sent).count, "none twice")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let failing = logs.entries.filter {
                $0.message == "store failing, backing off until it works again" && $0.metadata["loop"] == "poll"
            }
            #expect(failing.count == 1, "said once, not on every attempt")
            #expect(failing.first?.metadata["error"].map { "\($0)".contains("\(location.host)") } == true)
            #expect(logs.entries.filter { $0.message == "store recovered" && $0.metadata["loop"] == "poll" }.count == 1)
            try? await (store as? PostgresStore)?.dropSchema()
        }
    }

    private static func waitUntil(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
