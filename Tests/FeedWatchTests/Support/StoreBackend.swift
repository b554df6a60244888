import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

/// The store implementations the store suite runs against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The test server `Scripts/with-postgres.sh` started (`make test-postgres`, CI), if any.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["FEEDWATCH_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the PostgreSQL cases run: a test server was started, or this is CI, where a missing server must fail
    /// them rather than skip them.
    static var postgresTested: Bool {
        postgresURL != nil || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// The message a skipped PostgreSQL test shows.
    static let skipMessage: Comment =
        "PostgreSQL cases skipped: FEEDWATCH_TEST_POSTGRES_URL is not set (`make test-postgres` starts a server for them)"

    /// The backends the store suite runs on: SQLite always, PostgreSQL when ``postgresTested``.
    static var tested: [StoreBackend] {
        postgresTested ? [.sqlite, .postgres] : [.sqlite]
    }

    /// The password of the test server's role.
    static var postgresPassword: String? {
        guard let file = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE"] else {
            return nil
        }
        return (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The test server's location with a schema of the test's own; a failure when no server was started (under
    /// CI, which must run every backend: tests that need the server are otherwise disabled with ``skipMessage``).
    static func postgresLocation() throws -> PostgresLocation {
        guard let url = postgresURL else {
            Issue.record("FEEDWATCH_TEST_POSTGRES_URL is not set: run the tests through Scripts/with-postgres.sh")
            throw CancellationError()
        }
        var location = try PostgresLocation(url: url)
        location.schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return location
    }
}

/// A fresh, empty store of one backend for one test: an SQLite file in a temporary folder, or a PostgreSQL schema
/// of its own, dropped when the fixture is released.
final class StoreFixture: Sendable {
    let backend: StoreBackend
    let store: any Store
    private let directory: TemporaryDirectory
    private let location: PostgresLocation?

    init(_ backend: StoreBackend) async throws {
        self.backend = backend
        directory = try TemporaryDirectory()
        switch backend {
        case .sqlite:
            location = nil
            store = try SQLiteStore(path: directory.path + "/state/feedwatch.sqlite")
        case .postgres:
            let location = try StoreBackend.postgresLocation()
            self.location = location
            store = try await PostgresStore(location: location, password: StoreBackend.postgresPassword, connections: 2)
        }
    }

    deinit {
        // A deinitializer cannot wait, so the schema is dropped by a task that keeps the store until it is done.
        if let store = store as? PostgresStore {
            Task { try? await store.dropSchema() }
        }
    }

    /// The temporary folder of the test.
    var path: String { directory.path }

    /// A second store on the same database, as a restart (or another instance) would open it.
    func reopen() async throws -> any Store {
        switch backend {
        case .sqlite:
            try SQLiteStore(path: directory.path + "/state/feedwatch.sqlite")
        case .postgres:
            try await PostgresStore(
                location: try #require(location),
                password: StoreBackend.postgresPassword,
                connections: 2
            )
        }
    }

    /// One configured feed, synced.
    func makeFeed(_ url: String = "https://a.example/feed.xml", name: String? = "A") async throws -> FeedRecord {
        try #require(try await store.syncFeeds([FeedConfiguration(url: url, name: name)], now: Sample.march1).first)
    }
}
