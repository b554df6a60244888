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
            // Taking the lock waits for the store's writer to finish what it is doing.
            configuration.busyMode = .timeout(10)
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

    @Test(arguments: Fault.allCases)
    func aFailingStoreBacksOffSaysSoOnceAndLosesNothingOnceItWorks(_ fault: Fault) async throws {
        try await TestFeedServer.withServer { server in
            let logs = InMemoryLogHandler()
            server.publish("/wire.xml", text: FaultScenario.feed(count: 3))
            let app = try await FeedWatchApplication(
                configuration: try FaultScenario.configuration(
                    database: "database: state/feedwatch.sqlite",
                    server: server,
                    in: directory
                ),
                logger: Logger(label: "faults") { _ in logs },
                random: .constant(0)
            )
            let faults = try FaultSwitch(fault, store: try #require(app.store as? SQLiteStore))
            try await FaultScenario.run(
                app,
                logs: logs,
                server: server,
                window: .seconds(8),
                errorMentions: fault.message,
                inject: faults.inject,
                lift: faults.lift
            )
        }
    }
}
