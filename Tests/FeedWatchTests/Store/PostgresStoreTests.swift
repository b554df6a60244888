import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchStore

@Suite("PostgresStore: locations, logins and errors")
struct PostgresStoreTests {
    @Test func urlGivesHostPortUserDatabaseAndOptions() throws {
        let location = try PostgresLocation(url: "postgres://feedwatch@db.internal:6543/news?sslmode=require&schema=fw")
        #expect(
            location
                == PostgresLocation(
                    host: "db.internal",
                    port: 6543,
                    user: "feedwatch",
                    database: "news",
                    tls: .require,
                    schema: "fw"
                )
        )
        #expect(try PostgresLocation(url: "postgresql://u@h/d").port == 5432)
        #expect(try PostgresLocation(url: "postgresql://u@h/d").tls == .prefer)
    }

    @Test func aPasswordInTheURLIsRefusedWithoutBeingRepeated() throws {
        let error = #expect(throws: StoreError.self) {
            try PostgresLocation(url: "postgres://feedwatch:hunter2@db.internal/news")
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains("database_password_file") == true)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test(arguments: [
        "postgres://db.internal/news", "postgres://u@/news", "postgres://u@h", "postgres://u@h/d?sslmode=maybe",
        "postgres://u@h/d?schema=Bad-Name", "postgres://u@h/d?timeout=3",
    ])
    func incompleteOrUnknownURLsAreRefused(_ url: String) throws {
        #expect(throws: StoreError.self) { try PostgresLocation(url: url) }
    }

    @Test func anUnreachableServerGivesAClearErrorNamingTheDatabase() async throws {
        let port = 1  // tcpmux: nothing listens on loopback, so the connection is refused at once
        let location = PostgresLocation(
            host: "127.0.0.1",
            port: port,
            user: "feedwatch",
            database: "news",
            tls: .disable
        )
        let error = await #expect(throws: StoreError.self) {
            try await PostgresStore(location: location, password: "s3cret-password")
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains("postgres://feedwatch@127.0.0.1:\(port)/news") == true)
        #expect(error?.description.contains("s3cret-password") == false)
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func aWrongPasswordIsRefusedAtOpen() async throws {
        var location = try StoreBackend.postgresLocation()
        location.schema = nil
        let error = await #expect(throws: StoreError.self) {
            try await PostgresStore(location: location, password: "not-the-password")
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.contains("password authentication failed") == true)
        #expect(error?.description.contains("not-the-password") == false)
    }
}
