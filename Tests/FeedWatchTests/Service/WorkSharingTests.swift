import Foundation
import Logging
import Testing

@testable import FeedWatch

/// Several feedwatch instances on one PostgreSQL store: real pipelines, a real HTTP server on 127.0.0.1, real
/// PostgreSQL. Each test gets a schema of its own.
@Suite("Work sharing: instances on one PostgreSQL store")
struct WorkSharingTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>First</title><guid>first</guid></item></channel></rss>
        """

    private func makeApp(_ urls: [String], schema: String, name: String) throws -> FeedWatchApplication {
        let base = try #require(StoreBackend.postgresURL)
        let passwordFile = try directory.write(StoreBackend.postgresPassword ?? "", to: "password")
        let yaml = """
            database: \(base)\(base.contains("?") ? "&" : "?")schema=\(schema)
            database_password_file: \(passwordFile)
            poll:
              interval: 15m
              timeout: 5s
              host_gap: 0
              startup_spread: 0
            feeds:
            \(urls.map { "  - url: \($0)" }.joined(separator: "\n"))
            """
        let file = try directory.write(yaml, to: "\(name).yml")
        return try FeedWatchApplication(
            configuration: try FeedWatchConfiguration.load(contentsOf: file),
            logger: Logger(label: name),
            logLine: { _ in },
            random: .constant(0)
        )
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func twoInstancesPollEveryDueFeedOnceBetweenThem() async throws {
        _ = try StoreBackend.postgresLocation()
        try await TestFeedServer.withServer { server in
            let paths = (0..<20).map { "/feed\($0).xml" }
            for path in paths { server.publish(path, text: Self.feed) }
            // Two host names for one server: the instances can split the work by host.
            let urls = paths.enumerated().map { index, path in
                index.isMultiple(of: 2)
                    ? server.url(path) : server.url(path).replacingOccurrences(of: "127.0.0.1", with: "localhost")
            }
            let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let first = try makeApp(urls, schema: schema, name: "first")
            let second = try makeApp(urls, schema: schema, name: "second")
            defer { try? (first.store as? PostgresStore)?.dropSchema() }
            async let one = first.pipeline.runCycle()
            async let two = second.pipeline.runCycle()
            let reports = try await [one, two]
            #expect(reports.map(\.polled).reduce(0, +) == paths.count)
            for path in paths {
                #expect(server.requests(to: path).count == 1, "\(path) polled once")
            }
            async let again = first.pipeline.runCycle()
            async let againToo = second.pipeline.runCycle()
            let later = try await [again, againToo]
            #expect(later.map(\.polled) == [0, 0], "nothing is due again within its interval")
            #expect(server.requests.count == paths.count)
        }
    }
}
