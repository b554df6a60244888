import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchStore

extension DaemonProcessTests {
    /// A graceful shutdown (SIGTERM, through the service group that maps it) in the middle of a large cycle stops at
    /// the next batch boundary instead of storing the whole cycle first; what was not stored is polled again later.
    @Suite("Shutdown in the middle of a large cycle")
    struct ShutdownTests {
        static let feeds = 250
        static let itemsPerFeed = 40

        private static let words = """
            harbor council budget river bridge school ferry tunnel market vote transit library clinic stadium airport \
            rail canal permit zoning tax audit hearing contract tender grant museum archive festival drought flood
            """.split(separator: " ").map(String.init)

        /// One feed of items that each mention a few of the topics' words.
        static func document(feed: Int) -> String {
            let items = (0..<itemsPerFeed).map { number in
                let text = (0..<12).map { words[(feed * 7 + number * 3 + $0 * 5) % words.count] }.joined(separator: " ")
                let minute = String(format: "%02d", number % 60)
                return "<item><title>Feed \(feed) report \(number): \(text)</title><guid>f\(feed)-\(number)</guid>"
                    + "<pubDate>Sun, 01 Mar 2026 08:\(minute):00 GMT</pubDate>"
                    + "<description>\(text) \(text)</description></item>"
            }
            return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outlet \(feed)</title>"
                + items.joined() + "</channel></rss>"
        }

        private static func configuration(_ server: TestFeedServer, in directory: TemporaryDirectory) throws
            -> FeedWatchConfiguration
        {
            let feeds = (0..<Self.feeds).map { "  - url: \(server.url("/feed-\($0).xml"))" }
            let topics = (0..<20).map { number in
                "  - id: topic-\(number)\n    match: \(words[number]) OR \(words[(number + 11) % words.count])"
            }
            let yaml = """
                database: state/feedwatch.sqlite
                backfill: alert
                poll:
                  timeout: 30s
                  startup_spread: 0
                  host_gap: 0
                  host_connections: 16
                  concurrency: 16
                  max_feeds_per_cycle: 1000
                feeds:
                \(feeds.joined(separator: "\n"))
                topics:
                \(topics.joined(separator: "\n"))
                sinks: []
                """
            return try FeedWatchConfiguration.load(contentsOf: try directory.write(yaml, to: "config.yml"))
        }

        @Test func aShutdownDuringALargeCycleStopsAtTheNextBatchAndLosesNothing() async throws {
            let directory = try TemporaryDirectory()
            let total = Self.feeds * Self.itemsPerFeed
            try await TestFeedServer.withServer { server in
                for feed in 0..<Self.feeds {
                    server.publish("/feed-\(feed).xml", text: Self.document(feed: feed))
                }
                let configuration = try Self.configuration(server, in: directory)
                let app = try await FeedWatchApplication(configuration: configuration, logger: Logger(label: "test"))
                let group = ServiceGroup(
                    configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
                )
                let elapsed = try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    // The first batch of the cycle is committed: the cycle is storing.
                    while try await app.store.itemCount() == 0 {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    let clock = ContinuousClock()
                    let start = clock.now
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                    return clock.now - start
                }
                #expect(elapsed < .seconds(5), "stopped \(elapsed) after the shutdown request")
                let stored = try await app.store.itemCount()
                #expect(stored < total, "the cycle stopped before storing all \(total) items (\(stored) stored)")
                let unpolled = try await app.store.feeds().filter { $0.lastPolledAt == nil }.count
                #expect(unpolled > 0, "the feeds whose items were dropped stay due")

                // After the restart, the feeds left due are polled and nothing is missing.
                let restarted = try await FeedWatchApplication(
                    configuration: configuration,
                    logger: Logger(label: "test")
                )
                try await restarted.runOnce()
                #expect(try await restarted.store.itemCount() == total)
            }
        }
    }
}
