import Foundation
import Logging
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchFetch
@testable import FeedWatchStore

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

    private func makeApp(
        _ urls: [String],
        schema: String,
        name: String,
        poll: String = "  timeout: 5s\n",
        extra: String = ""
    ) async throws -> FeedWatchApplication {
        let base = try #require(StoreBackend.postgresURL)
        let passwordFile = try directory.write(StoreBackend.postgresPassword ?? "", to: "password")
        let yaml = """
            database: \(base)\(base.contains("?") ? "&" : "?")schema=\(schema)
            database_password_file: \(passwordFile)
            poll:
              interval: 15m
              host_gap: 0
              startup_spread: 0
            \(poll)
            feeds:
            \(urls.map { "  - url: \($0)" }.joined(separator: "\n"))
            \(extra)
            """
        let file = try directory.write(yaml, to: "\(name).yml")
        return try await FeedWatchApplication(
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
            let first = try await makeApp(urls, schema: schema, name: "first")
            let second = try await makeApp(urls, schema: schema, name: "second")
            defer { Task { try? await (first.store as? PostgresStore)?.dropSchema() } }
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

    private static func schemaName() -> String {
        "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// A ceasefire topic, and alerts for items already in a feed when it is first seen.
    private static let ceasefireTopic = """
        backfill: alert
        topics:
          - id: ceasefire
            match: ceasefire OR truce
            status: negotiation
        """

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func anInstanceSeesTheStoryAnotherInstanceStartedAndRaisesNoSecondNewStory() async throws {
        _ = try StoreBackend.postgresLocation()
        try await TestFeedServer.withServer { server in
            server.publish(
                "/harbor.xml",
                text: RSSDocument.render(title: "Harbor", items: [StoryClusteringTests.dohaHarbor])
            )
            server.publish(
                "/courier.xml",
                text: RSSDocument.render(title: "Courier", items: [StoryClusteringTests.dohaCourier])
            )
            let schema = Self.schemaName()
            let first = try await makeApp(
                [server.url("/harbor.xml")],
                schema: schema,
                name: "first",
                extra: Self.ceasefireTopic
            )
            let second = try await makeApp(
                [server.url("/courier.xml").replacingOccurrences(of: "127.0.0.1", with: "localhost")],
                schema: schema,
                name: "second",
                extra: Self.ceasefireTopic
            )
            defer { Task { try? await (first.store as? PostgresStore)?.dropSchema() } }
            // The second instance loads the topic states before the first one stores the story.
            try await second.pipeline.prepare()
            try await first.pipeline.runCycle()
            try await second.pipeline.runCycle()
            let alerts = try await first.store.alerts(limit: 100)
            #expect(alerts.filter { $0.kind == .newStory }.count == 1, "the Doha talks are one story")
            let state = try #require(try await first.store.topicStates()["ceasefire"])
            #expect(state.stories.map(\.itemCount) == [2])
        }
    }

    @Test(.enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage))
    func aCycleLongerThanItsLeaseKeepsItsFeedsFromOtherInstances() async throws {
        _ = try StoreBackend.postgresLocation()
        try await TestFeedServer.withServer { server in
            // Six feeds on one host, one transfer at a time, 0.8 s each: a cycle of about 5 s against a 2 s lease.
            let paths = (0..<6).map { "/slow\($0).xml" }
            for path in paths {
                var document = TestFeedServer.Document(body: Data(Self.feed.utf8))
                document.delay = .milliseconds(800)
                server.publish(path, document)
            }
            let schema = Self.schemaName()
            let poll = "  timeout: 1s\n  claim_lease: 2s\n  host_connections: 1\n"
            let urls = paths.map(server.url)
            let first = try await makeApp(urls, schema: schema, name: "first", poll: poll)
            let second = try await makeApp(urls, schema: schema, name: "second", poll: poll)
            defer { Task { try? await (first.store as? PostgresStore)?.dropSchema() } }
            try await second.pipeline.prepare()
            async let cycle = first.pipeline.runCycle()
            try await Task.sleep(for: .seconds(3))
            let meanwhile = try await second.pipeline.runCycle()
            #expect(meanwhile.polled == 0, "the first instance renewed its leases past the 2 s they began with")
            #expect(try await cycle.polled == paths.count)
            for path in paths {
                #expect(server.requests(to: path).count == 1, "\(path) polled once")
            }
        }
    }

    @Test func anInstanceAsksForWholeHostsUpToItsBatchSoOthersGetTheRest() {
        let due = (0..<3000).map { index in
            FeedRecord(id: Int64(index), url: "https://host\(index % 3).example/feed/\(index).xml")
        }
        let batch = FeedClaimer.batch(due)
        let hosts = Dictionary(grouping: batch) { URLComponents(string: $0.url)?.host ?? "" }
        #expect(batch.count == FeedClaimer.claimBatch)
        #expect(hosts.count == 2)
        #expect(hosts.values.allSatisfy { $0.count == 1000 }, "each host's feeds are taken whole")
        #expect(FeedClaimer.batch(Array(due.prefix(100))).count == 100, "a small cycle asks for every due feed")
    }
}
