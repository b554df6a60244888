import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchStore

/// The built `feedwatch migrate` binary, run as a user would: a real SQLite installation moved into the PostgreSQL
/// test server, with the password read from a file.
@Suite("feedwatch migrate: the command line")
struct MigrateCommandTests {
    static let binary = FeedWatchBinary.path

    static func run(_ arguments: [String]) throws -> FeedWatchBinary.Outcome {
        try FeedWatchBinary.run(arguments)
    }

    @Test(
        .enabled(if: binary != nil, "the feedwatch executable was not built beside the tests"),
        .enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage)
    )
    func migrateMovesAnInstallationThenRefusesToRunTwice() async throws {
        let directory = try TemporaryDirectory()
        let installation = try await SQLiteInstallation(path: directory.path + "/feedwatch.sqlite", items: 50)
        let location = try StoreBackend.postgresLocation()
        let password = try directory.write((StoreBackend.postgresPassword ?? "") + "\n", to: "db-password")
        let url = try #require(StoreBackend.postgresURL)
        let destination = url + (url.contains("?") ? "&" : "?") + "schema=" + (location.schema ?? "")
        let arguments = [
            "migrate", "--from", "sqlite:" + installation.path, "--to", destination, "--password-file", password,
        ]
        defer {
            Task {
                try? await PostgresStore(location: location, password: StoreBackend.postgresPassword, connections: 1)
                    .dropSchema()
            }
        }

        let first = try Self.run(arguments)

        #expect(first.status == 0, "\(first.errors)")
        let rows = first.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["item", "50"]))
        #expect(rows.contains(["delivery", "18"]))
        #expect(rows.contains(["retention_mark", "0"]))
        #expect(first.output.contains("not copied: lease"))
        #expect(first.errors.contains("migrate done"))
        let copy = try await PostgresStore(location: location, password: StoreBackend.postgresPassword, connections: 1)
        let source = try SQLiteStore(path: installation.path)
        #expect(
            try await copy.pendingDeliveries(sink: "webhook", limit: 100)
                == source.pendingDeliveries(sink: "webhook", limit: 100)
        )
        copy.close()

        let second = try Self.run(arguments)

        #expect(second.status == 1)
        #expect(second.errors.contains("already holds feedwatch data (feed: 3 rows, item: 50 rows"))
    }

    @Test(.enabled(if: binary != nil, "the feedwatch executable was not built beside the tests"))
    func aPasswordInTheURLIsRefusedWithoutBeingRepeated() throws {
        let outcome = try Self.run([
            "migrate", "--from", "sqlite:/nonexistent/feedwatch.sqlite", "--to",
            "postgres://feedwatch:hunter2@127.0.0.1:1/feedwatch",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("--password-file"))
        #expect(!outcome.errors.contains("hunter2"))
    }

    @Test(.enabled(if: binary != nil, "the feedwatch executable was not built beside the tests"))
    func aMissingSourceIsNamedInTheError() throws {
        let outcome = try Self.run([
            "migrate", "--from", "sqlite:/nonexistent/feedwatch.sqlite", "--to",
            "postgres://feedwatch@127.0.0.1:1/feedwatch",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("cannot open the database /nonexistent/feedwatch.sqlite: no such file"))
    }
}
