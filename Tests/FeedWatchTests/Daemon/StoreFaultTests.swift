import Foundation
import GRDB
import InMemoryLogging
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchFetch
@testable import FeedWatchObservability
@testable import FeedWatchStore

/// The running daemon (its poll and delivery loops) against a real SQLite file that fails for real while a loopback
/// server publishes: a full disk, a read-only database and a locked one. The loops back off instead of spinning,
/// say so once, and store everything once the fault is lifted.
@Suite("Store faults: the daemon backs off, says so, and recovers")
struct StoreFaultTests {
    /// A fault the SQLite file can be put in, and taken out of.
    enum Fault: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// The database may not grow (`PRAGMA max_page_count` on the store's writer connection), as on a full disk.
        case fullDisk
        /// The store's writer may not write (`PRAGMA query_only`), as with a read-only file.
        case readOnly
        /// Another connection holds the write lock (`BEGIN IMMEDIATE`), as another process would.
        case locked

        var testDescription: String { rawValue }

        /// What SQLite says, as the log line carries it.
        var message: String {
            switch self {
            case .fullDisk: "database or disk is full"
            case .readOnly: "attempt to write a readonly database"
            case .locked: "database is locked"
            }
        }
    }

    /// Puts a store in a fault and lifts it.
    final class FaultSwitch: Sendable {
        let fault: Fault
        let store: SQLiteStore
        private let locker: DatabaseQueue

        init(_ fault: Fault, store: SQLiteStore) throws {
            self.fault = fault
            self.store = store
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true
            locker = try DatabaseQueue(path: store.path, configuration: configuration)
        }

        func inject() async throws {
            switch fault {
            case .fullDisk:
                let pages = try await store.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1 }
                try await store.configureWriter("PRAGMA max_page_count = \(pages)")
            case .readOnly:
                try await store.configureWriter("PRAGMA query_only = 1")
            case .locked:
                try await locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            }
        }

        func lift() async throws {
            switch fault {
            case .fullDisk:
                try await store.configureWriter("PRAGMA max_page_count = 1073741823")
            case .readOnly:
                try await store.configureWriter("PRAGMA query_only = 0")
            case .locked:
                try await locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            }
        }
    }

    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// A feed of `count` long items about the topic (long, so that storing them needs new pages).
    static func feed(count: Int) -> String {
        let filler = String(
            repeating: "Negotiators met again to discuss the ceasefire terms and the aid corridors. ",
            count: 60
        )
        let items = (0..<count).map { number in
            "<item><title>Ceasefire report \(number)</title><guid>report-\(number)</guid>"
                + "<pubDate>Sun, 01 Mar 2026 \(String(format: "%02d", 8 + number % 12)):00:00 GMT</pubDate>"
                + "<description>Report \(number). \(filler)</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>"
            + items.joined() + "</channel></rss>"
    }

    private func configuration(_ server: TestFeedServer) throws -> FeedWatchConfiguration {
        let yaml = """
            database: state/feedwatch.sqlite
            backfill: alert
            poll:
              timeout: 5s
              startup_spread: 0
              host_gap: 0
            feeds:
              - url: \(server.url("/wire.xml"))
                interval: 2s
            topics:
              - id: ceasefire
                match: ceasefire
            sinks:
              - type: webhook
                url: \(server.url("/hooks"))
            """
        return try FeedWatchConfiguration.load(contentsOf: try directory.write(yaml, to: "config.yml"))
    }

    private static func waitUntil(
        seconds: Double,
        _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    @Test(arguments: Fault.allCases)
    func aFailingStoreBacksOffSaysSoOnceAndLosesNothingOnceItWorks(_ fault: Fault) async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: Self.feed(count: 3))
            let logs = InMemoryLogHandler()
            let app = try await FeedWatchApplication(
                configuration: try configuration(server),
                logger: Logger(label: "faults") { _ in logs },
                random: .constant(0)
            )
            let store = try #require(app.store as? SQLiteStore)
            let faults = try FaultSwitch(fault, store: store)
            let group = ServiceGroup(
                configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(try await Self.waitUntil(seconds: 20) { try await store.itemCount() == 3 })

                // The fault comes, and the feed changes while it lasts.
                try await faults.inject()
                server.publish("/wire.xml", text: Self.feed(count: 8))
                let start = server.requests(to: "/wire.xml").count
                try await Task.sleep(for: .seconds(9))
                let duringFault = server.requests(to: "/wire.xml").count - start
                // Every 0.2 s before (a busy loop): about 45 requests in 9 s; backing off from 1 s: at most 4
                // attempts (1, 2 and 4 s apart), and none while the store refuses even a write of nothing.
                #expect(duringFault <= 5, "\(duringFault) requests in 9 s while the store failed")

                try await faults.lift()
                #expect(
                    try await Self.waitUntil(seconds: 30) { try await store.itemCount() == 8 },
                    "the items published while the store failed are stored once it works"
                )
                let alerts = try await store.alerts(limit: 100)
                #expect(
                    try await Self.waitUntil(seconds: 20) {
                        try await store.deliveryStates(sink: "webhook").values.allSatisfy { $0 == .delivered }
                    }
                )
                let sent = server.webhooks.compactMap { $0.headers["webhook-id"] }
                #expect(Set(sent) == Set(alerts.map(\.id)), "every alert arrived")
                #expect(sent.count == Set(sent).count, "none twice")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }

            let failing = logs.entries.filter {
                $0.message == "store failing, backing off until it works again" && $0.metadata["loop"] == "poll"
            }
            #expect(failing.count == 1, "said once, not on every attempt")
            #expect(failing.first?.level == .error)
            #expect(failing.first?.metadata["error"].map { "\($0)".contains(fault.message) } == true)
            #expect(failing.first?.metadata["loop"] == "poll")
            #expect(logs.entries.filter { $0.message == "store recovered" }.count == 1)
            let metrics = app.metrics.exposition()
            #expect(metrics.contains(#"feedwatch_store_failing{loop="poll"} 0.0"#))
            #expect(metrics.contains(#"feedwatch_store_errors_total{loop="poll"}"#))
        }
    }
}
