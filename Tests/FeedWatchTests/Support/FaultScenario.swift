import Foundation
import InMemoryLogging
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchObservability
@testable import FeedWatchStore

/// The fault tests' common run: the daemon's services poll one loopback feed (every 2 s) and deliver its alerts to a
/// loopback webhook while the store fails for a while; the loops must back off, say so once, and lose nothing.
enum FaultScenario {
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

    /// The configuration: `database` (with its password line, if any), the feed, a topic and the webhook sink.
    static func configuration(database: String, server: TestFeedServer, in directory: TemporaryDirectory) throws
        -> FeedWatchConfiguration
    {
        let yaml = """
            \(database)
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

    /// Whether `condition` holds within `seconds` (an error counts as not yet).
    static func waitUntil(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// The poll loop's `store failing` lines.
    private static func failingLines(_ logs: InMemoryLogHandler) -> [InMemoryLogHandler.Entry] {
        logs.entries.filter {
            $0.metadata["loop"] == "poll" && $0.message == "store failing, backing off until it works again"
        }
    }

    /// What the loops logged about the store, for a failure's message.
    private static func said(_ logs: InMemoryLogHandler) -> [String] {
        logs.entries.filter { $0.metadata["loop"] != nil || $0.message == "poll cycle done" }.map { entry in
            "\(entry.message) \(entry.metadata["loop"].map { "loop=\($0)" } ?? "")"
                + " \(entry.metadata["error"].map { "error=\($0)" } ?? "")"
        }
    }

    /// Runs `app`'s services: once the feed's 3 items are stored, `inject`s the fault and publishes 5 more items,
    /// waits `window`, `lift`s the fault, and checks that the feed was not polled in a loop meanwhile, that every
    /// item is stored and every alert delivered once, that the poll loop said `store failing` (with
    /// `errorMentions` in its error) and `store recovered` once each, and what `/metrics` shows.
    static func run(
        _ app: FeedWatchApplication,
        logs: InMemoryLogHandler,
        server: TestFeedServer,
        window: Duration,
        errorMentions: String,
        inject: () async throws -> Void,
        lift: () async throws -> Void
    ) async throws {
        let store = app.store
        let group = ServiceGroup(
            configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await waitUntil(seconds: 20) { try await store.itemCount() == 3 })

            // The fault comes, and the feed changes while it lasts. Once the poll loop has met it (a lock shorter
            // than SQLite's busy timeout is no fault), the feed's requests are counted for `window`.
            try await inject()
            server.publish("/wire.xml", text: feed(count: 8))
            #expect(
                try await waitUntil(seconds: 30) { !failingLines(logs).isEmpty },
                "the poll loop met the fault; the loops said: \(said(logs))"
            )
            let start = server.requests(to: "/wire.xml").count
            try await Task.sleep(for: window)
            let duringFault = server.requests(to: "/wire.xml").count - start
            // Every 0.2 s before (a busy loop): about 40 requests in 8 s; backing off from 1 s: a handful of
            // attempts (1, 2, 4 s apart), and none while the store refuses even a write of nothing.
            #expect(duringFault <= 4, "\(duringFault) requests in \(window) while the store failed")

            try await lift()
            #expect(
                try await waitUntil(seconds: 100) { try await store.itemCount() == 8 },
                "the items published while the store failed are stored once it works; the loops said: \(said(logs))"
            )
            let alerts = try await store.alerts(limit: 100)
            #expect(
                try await waitUntil(seconds: 20) {
                    try await store.deliveryStates(sink: "webhook").values.allSatisfy { $0 == .delivered }
                }
            )
            let sent = server.webhooks.compactMap { $0.headers["webhook-id"] }
            #expect(Set(sent) == Set(alerts.map(\.id)), "every alert arrived")
            #expect(sent.count == Set(sent).count, "none twice")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }

        let poll = logs.entries.filter { $0.metadata["loop"] == "poll" }
        let failing = failingLines(logs)
        #expect(failing.count == 1, "said once, not on every attempt")
        #expect(failing.first?.level == .error)
        #expect(failing.first?.metadata["error"].map { "\($0)".contains(errorMentions) } == true)
        #expect(poll.filter { $0.message == "store recovered" }.count == 1)
        let metrics = app.metrics.exposition()
        #expect(metrics.contains(#"feedwatch_store_failing{loop="poll"} 0.0"#))
        #expect(metrics.contains(#"feedwatch_store_errors_total{loop="poll"}"#))
    }
}
