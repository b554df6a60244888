import Foundation
import GRDB
import Logging
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// `feedwatch migrate`'s library half: an SQLite installation written through the real store API, copied into a
/// real PostgreSQL database (`make test-postgres`, CI) and compared through the store API on both sides.
@Suite("StoreMigrator: moving an SQLite installation into PostgreSQL")
struct StoreMigratorTests {
    /// A destination of the test's own (a fresh schema on the test server), dropped when released.
    final class Destination {
        let location: PostgresLocation

        init() throws {
            location = try StoreBackend.postgresLocation()
        }

        deinit {
            // A deinitializer cannot wait: a task drops the schema.
            let location = location
            Task {
                try? await PostgresStore(location: location, password: StoreBackend.postgresPassword, connections: 1)
                    .dropSchema()
            }
        }

        func migrator(from source: String, batchSize: Int = 7) -> StoreMigrator {
            StoreMigrator(
                source: source,
                destination: location,
                password: StoreBackend.postgresPassword,
                batchSize: batchSize,
                logger: StoreMigratorTests.quiet
            )
        }

        func open() async throws -> PostgresStore {
            try await PostgresStore(location: location, password: StoreBackend.postgresPassword, connections: 2)
        }
    }

    /// A logger that drops everything, so the suite's output stays readable.
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A location nothing listens on, for refusals that must come before any connection.
    static let unreachable = PostgresLocation(
        host: "127.0.0.1",
        port: 1,
        user: "feedwatch",
        database: "news",
        tls: .disable
    )

    @Test func everyTableAndColumnOfTheSchemaIsCopiedOrDeliberatelySkipped() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/feedwatch.sqlite"
        _ = try SQLiteStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let schema = try await queue.read { db in
            var columns: [String: Set<String>] = [:]
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            for table in tables {
                columns[table] = Set(try db.columns(in: table).map(\.name))
            }
            return columns
        }
        let copied = MigratedTable.all.map(\.name)
        #expect(
            Set(schema.keys) == Set(copied).union(MigratedTable.skippedTables).subtracting(["feedwatch_migrations"])
        )
        for table in MigratedTable.all {
            let names = table.columns.filter { $0.source == $0.name }.map(\.name)
            #expect(
                schema[table.name] == Set(names).union(MigratedTable.skippedColumns[table.name] ?? []),
                "\(table.name): every column is copied or listed as skipped"
            )
        }
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func everyRowArrivesWithItsIdsTimesAndDeliveryStateUnchanged() async throws {
        let directory = try TemporaryDirectory()
        let installation = try await SQLiteInstallation(path: directory.path + "/feedwatch.sqlite")
        let before = try installation.contents()
        let destination = try Destination()

        let summary = try await destination.migrator(from: installation.path).run()

        #expect(try installation.contents() == before, "the source file is not changed")
        let source = try SQLiteStore(path: installation.path)
        let copy = try await destination.open()
        #expect(summary.rows(in: "feed") == 3)
        #expect(summary.rows(in: "item") == 240)
        #expect(summary.rows(in: "alert") == 36)
        #expect(summary.rows(in: "delivery") == 72)
        #expect(summary.rows(in: "topic_state") == 3)
        #expect(try await copy.feeds() == source.feeds())
        #expect(try await copy.feeds().map(\.state) == source.feeds().map(\.state))
        #expect(try await copy.itemCount() == 240)
        #expect(try await copy.items(from: nil, to: nil) == source.items(from: nil, to: nil))
        #expect(try await copy.topicStates() == source.topicStates())
        #expect(try await copy.alerts(limit: 1_000) == source.alerts(limit: 1_000))
        #expect(
            try await copy.alerts(withDeliveriesIn: nil, limit: 1_000)
                == source.alerts(withDeliveriesIn: nil, limit: 1_000)
        )
        #expect(try await copy.pendingDeliveryCount() == source.pendingDeliveryCount())
        for sink in SQLiteInstallation.sinks {
            let pending = try await copy.pendingDeliveries(sink: sink, limit: 1_000)
            #expect(
                pending == (try await source.pendingDeliveries(sink: sink, limit: 1_000)),
                "\(sink): same order too"
            )
            #expect(try await copy.deliveryStates(sink: sink) == source.deliveryStates(sink: sink))
            let topics = ["topic-0", "topic-1", "topic-2"]
            #expect(
                try await copy.lastDeliveredAt(sink: sink, topics: topics)
                    == source.lastDeliveredAt(sink: sink, topics: topics)
            )
        }
        #expect(try await copy.nextDeliveryDue(sinks: ["webhook"]) == source.nextDeliveryDue(sinks: ["webhook"]))
        let retrying = try #require(try await copy.alert(id: "alert-14")?.deliveries.first { $0.sink == "webhook" })
        #expect(retrying.attempts == 2)
        #expect(retrying.lastError == "HTTP 503")
        let feed = try #require(try await copy.feeds().first)
        #expect(try await copy.existingKeys(feedID: feed.id, keys: ["id:item-1", "id:item-3"]) == ["id:item-1"])
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func theCopyKeepsWorkingAsAStoreWithNewIdsAfterTheCopiedOnes() async throws {
        let directory = try TemporaryDirectory()
        let installation = try await SQLiteInstallation(path: directory.path + "/feedwatch.sqlite", items: 20)
        let destination = try Destination()
        try await destination.migrator(from: installation.path).run()
        let copy = try await destination.open()

        let copiedIDs = try await copy.feeds().map(\.id)
        let added = try await copy.syncFeeds([FeedConfiguration(url: "https://d.example/feed.xml")], now: Sample.march1)
        #expect(try #require(added.first).id > copiedIDs.max() ?? 0)
        // A new alert at the same event time as a copied one comes after it: `alert.seq` continues past the rowids.
        let inserted = try await copy.ingest(
            Sample.item(feed: try #require(added.first).reference, key: "new"),
            topicStates: [],
            alerts: [
                Sample.alert(id: "alert-new", topic: "topic-0", at: Sample.march1.addingTimeInterval(0.123_456_789))
            ],
            sinks: ["log"]
        )
        #expect(inserted)
        #expect(try await copy.itemCount() == 21)
        let pending = try await copy.pendingDeliveries(sink: "log", limit: 100).map(\.alert.id)
        #expect(pending.prefix(3) == ["feed-failing-b", "alert-14", "alert-new"])
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func aSecondMigrateIntoTheFilledDatabaseIsRefusedNamingItsTables() async throws {
        let directory = try TemporaryDirectory()
        let installation = try await SQLiteInstallation(path: directory.path + "/feedwatch.sqlite", items: 20)
        let destination = try Destination()
        try await destination.migrator(from: installation.path).run()

        let error = await #expect(throws: StoreError.self) {
            try await destination.migrator(from: installation.path).run()
        }
        #expect(error?.code == .notEmpty)
        #expect(error?.description.contains("feed: 3 rows") == true)
        #expect(error?.description.contains("item: 20 rows") == true)
        #expect(error?.description.contains("fresh database or schema") == true)
        #expect(try await destination.open().itemCount() == 20, "nothing was added")
    }

    @Test(
        .enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage),
        arguments: [
            // PostgreSQL refuses the last table's last row: a delivery of an alert the file no longer holds.
            (
                "INSERT INTO delivery (alert_id, sink, state, attempts, next_attempt_at) VALUES ('zz-gone', 'log', "
                    + "'pending', 0, 0)",
                StoreError.Code.query, "delivery"
            ),
            // The source holds a value of the wrong type (SQLite keeps what it is given).
            (
                "UPDATE delivery SET attempts = 'three' WHERE rowid = (SELECT MAX(rowid) FROM delivery)",
                StoreError.Code.corruptValue, "delivery.attempts"
            ),
        ]
    )
    func aFailureMidwayLeavesTheDestinationEmpty(tampering: String, code: StoreError.Code, names: String) async throws {
        let directory = try TemporaryDirectory()
        let installation = try await SQLiteInstallation(path: directory.path + "/feedwatch.sqlite", items: 100)
        try installation.tamper(tampering)
        let destination = try Destination()

        let error = await #expect(throws: StoreError.self) {
            try await destination.migrator(from: installation.path, batchSize: 5).run()
        }
        #expect(error?.code == code)
        #expect(error?.description.contains(names) == true)
        #expect(error?.description.contains("rolled back") == true)
        let copy = try await destination.open()
        #expect(try await copy.feeds().isEmpty)
        #expect(try await copy.itemCount() == 0)
        #expect(try await copy.alerts(limit: 10).isEmpty)
        #expect(try await copy.topicStates().isEmpty)
        #expect(try await copy.pendingDeliveryCount() == 0)
    }

    @Test func aSourceAtAnOlderSchemaIsRefusedAndLeftAsItWas() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try SQLiteStore.migrator.migrate(queue, upTo: "v2")
        let error = await #expect(throws: StoreError.self) {
            try await StoreMigrator(source: path, destination: Self.unreachable, password: nil, logger: Self.quiet)
                .run()
        }
        #expect(error?.code == .schemaMismatch)
        #expect(error?.description.contains("at v2, this feedwatch's at \(StoreSchema.versions.last ?? "")") == true)
        #expect(error?.description.contains("feedwatch feeds list") == true)
        #expect(try await queue.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) } == ["v1", "v2"])
    }

    @Test func aSourceFromANewerFeedwatchIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/new.sqlite"
        _ = try SQLiteStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9')") }
        let error = await #expect(throws: StoreError.self) {
            try await StoreMigrator(source: path, destination: Self.unreachable, password: nil, logger: Self.quiet)
                .run()
        }
        #expect(error?.code == .schemaMismatch)
        #expect(error?.description.contains("a newer feedwatch wrote it") == true)
    }

    @Test func aMissingSourceIsRefusedAndNotCreated() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/missing.sqlite"
        let error = await #expect(throws: StoreError.self) {
            try await StoreMigrator(source: path, destination: Self.unreachable, password: nil, logger: Self.quiet)
                .run()
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains(path) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatIsNotAFeedwatchDatabaseIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/other.sqlite"
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT)") }
        let error = await #expect(throws: StoreError.self) {
            try await StoreMigrator(source: path, destination: Self.unreachable, password: nil, logger: Self.quiet)
                .run()
        }
        #expect(error?.code == .schemaMismatch)
        #expect(error?.description.contains("holds no feedwatch schema") == true)
    }

    @Test func aBatchIsInsertedAsOneArrayAndOneNullMaskPerColumn() throws {
        var batch = MigratedBatch(kinds: [.integer, .text, .real])
        #expect(batch.append([1.databaseValue, "a".databaseValue, .null]) == nil)
        #expect(batch.append([2.databaseValue, .null, 2.5.databaseValue]) == nil)
        #expect(batch.append([3.databaseValue, 4.databaseValue, 5.databaseValue]) == 1, "a number is not text")
        #expect(batch.count == 2)
        #expect(
            MigratedTable.topicState.insertSQL.hasSuffix(
                "FROM unnest($1::TEXT[], $2::BOOLEAN[], $3::TEXT[], $4::BOOLEAN[], $5::DOUBLE PRECISION[], "
                    + "$6::BOOLEAN[], $7::BIGINT[], $8::BOOLEAN[]) AS batch(v0, n0, v1, n1, v2, n2, v3, n3)"
            )
        )
        #expect(MigratedTable.alert.insertSQL.contains("OVERRIDING SYSTEM VALUE"))
    }

    @Test(
        .enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage),
        .enabled(if: ProcessInfo.processInfo.environment["FEEDWATCH_MIGRATE_BENCHMARK_ITEMS"] != nil)
    )
    func benchmarkMigratesTheItemsOfABigInstallation() async throws {
        let count = Int(ProcessInfo.processInfo.environment["FEEDWATCH_MIGRATE_BENCHMARK_ITEMS"] ?? "") ?? 100_000
        let directory = try TemporaryDirectory()
        let path = directory.path + "/feedwatch.sqlite"
        let clock = ContinuousClock()
        let populated = try await clock.measure {
            let store = try SQLiteStore(path: path)
            let feeds = try await store.syncFeeds(
                (0..<50).map { FeedConfiguration(url: "https://feed\($0).example/rss") },
                now: Sample.march1
            )
            for chunk in stride(from: 0, to: count, by: 1_000) {
                let items = (chunk..<min(chunk + 1_000, count)).map { number in
                    var item = Sample.item(
                        feed: feeds[number % feeds.count].reference,
                        key: "bench-\(number)",
                        title: "Report \(number) on the harbour council's budget vote",
                        at: Sample.march1.addingTimeInterval(Double(number))
                    )
                    item.item.summary = String(repeating: "A paragraph of summary text. ", count: 12)
                    return item
                }
                _ = try await store.ingest(items, sinks: ["webhook"]) { item, _ in
                    item.dedupeKey.hasSuffix("0") ? ([], [Sample.alert(id: item.dedupeKey)]) : ([], [])
                }
            }
        }
        let destination = try Destination()
        let summary = try await destination.migrator(from: path, batchSize: 1_000).run()
        print(
            "migrate benchmark: \(summary.totalRows) rows (\(summary.rows(in: "item")) items) in "
                + String(format: "%.2f s, %.0f rows/s", summary.seconds, summary.rowsPerSecond)
                + "; populating the SQLite file took \(populated)"
        )
        #expect(summary.rows(in: "item") == count)
    }
}
