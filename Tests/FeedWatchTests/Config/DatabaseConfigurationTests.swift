import Foundation
import Logging
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchDaemon
@testable import FeedWatchStore

@Suite("database: an SQLite path or a PostgreSQL URL with its password kept out of the file")
struct DatabaseConfigurationTests {
    @Test func aPostgresURLIsKeptAsWrittenAndSelectsPostgres() throws {
        let configuration = try parseConfig(
            """
            database: postgres://feedwatch@db.internal:5433/news?sslmode=require
            database_password_file: secrets/db-password
            """
        )
        #expect(configuration.database == "postgres://feedwatch@db.internal:5433/news?sslmode=require")
        #expect(configuration.databasePasswordFile == "/srv/feedwatch/secrets/db-password")
        #expect(configuration.postgresLocation?.host == "db.internal")
        #expect(configuration.postgresLocation?.port == 5433)
    }

    @Test func aPathStaysAnSQLiteFile() throws {
        let configuration = try parseConfig("database: state/feedwatch.sqlite\n")
        #expect(configuration.database == "/srv/feedwatch/state/feedwatch.sqlite")
        #expect(configuration.postgresLocation == nil)
    }

    @Test func aPasswordInTheURLIsAConfigErrorThatDoesNotRepeatIt() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("database: postgres://feedwatch:hunter2@db.internal/news\n")
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.line == 1)
        #expect(error?.description.contains("database_password_file") == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func aPasswordSettingWithAnSQLiteFileIsAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("database: feedwatch.sqlite\ndatabase_password_file: pw\n")
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.keyPath == "database_password_file")
    }

    @Test func aPasswordFileAndACredentialTogetherAreAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig(
                """
                database: postgres://feedwatch@db.internal/news
                database_password_file: pw
                database_password_credential: db-password
                """
            )
        }
        #expect(error?.keyPath == "database_password_credential")
    }

    @Test func aMissingCredentialDirectorySaysHowToProvideIt() async throws {
        let configuration = try parseConfig(
            """
            database: postgres://feedwatch@127.0.0.1:1/news?sslmode=disable
            database_password_credential: db-password
            """
        )
        let error = await #expect(throws: StoreError.self) {
            try await FeedWatchApplication.openStore(configuration, logger: Logger(label: "test"), environment: [:])
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains("LoadCredential=db-password:") == true)
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func theFactoryOpensPostgresWithThePasswordFromASystemdCredential() async throws {
        _ = try StoreBackend.postgresLocation()
        let url = try #require(StoreBackend.postgresURL)
        let directory = try TemporaryDirectory()
        try directory.write((StoreBackend.postgresPassword ?? "") + "\n", to: "db-password")
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let configuration = FeedWatchConfiguration(
            database: url + (url.contains("?") ? "&" : "?") + "schema=" + schema,
            databasePasswordCredential: "db-password"
        )
        let store = try await FeedWatchApplication.openStore(
            configuration,
            logger: Logger(label: "test"),
            environment: ["CREDENTIALS_DIRECTORY": directory.path]
        )
        let postgres = try #require(store as? PostgresStore)
        defer { Task { try? await postgres.dropSchema() } }
        #expect(try await postgres.feeds().isEmpty)
    }

    @Test func aDatabaseTimeoutIsReadAsADurationAndDefaultsToThirtySeconds() throws {
        let url = "database: postgres://feedwatch@db.internal/news\n"
        #expect(try parseConfig(url).databaseTimeout == 30)
        #expect(try parseConfig(url + "database_timeout: 2m\n").databaseTimeout == 120)
    }

    @Test(arguments: ["0s", "soon", "-5s"])
    func aDatabaseTimeoutThatIsNotAPositiveDurationIsAnError(_ value: String) throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("database: postgres://feedwatch@db.internal/news\ndatabase_timeout: \(value)\n")
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.keyPath == "database_timeout")
        #expect(error?.line == 2)
    }

    @Test func aDatabaseTimeoutWithAnSQLiteFileIsAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("database: feedwatch.sqlite\ndatabase_timeout: 10s\n")
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.keyPath == "database_timeout")
        #expect(error?.description.contains("only used with a PostgreSQL database") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func theFactoryGivesTheStoreTheConfiguredTimeout() async throws {
        let listener = try SilentListener()
        let configuration = try parseConfig(
            """
            database: postgres://feedwatch@127.0.0.1:\(listener.port)/news?sslmode=disable
            database_timeout: 1s
            """
        )
        let error = await #expect(throws: StoreError.self) {
            try await FeedWatchApplication.openStore(configuration, logger: Logger(label: "test"))
        }
        #expect(error?.code == .timeout)
        #expect(error?.description.contains("no answer within 1 s while connecting and logging in") == true)
    }

    @Test func theFactoryOpensSQLiteForAPath() async throws {
        let directory = try TemporaryDirectory()
        let configuration = FeedWatchConfiguration(database: directory.path + "/feedwatch.sqlite")
        #expect(try await FeedWatchApplication.openStore(configuration, logger: Logger(label: "test")) is SQLiteStore)
    }
}
