import FeedWatchCore
import FeedWatchStore
import Foundation
import Testing

/// `feedwatch run --once` on the real binary against loopback servers: its exit status says whether the run
/// learnt anything and delivered it, with a one-line summary on standard error when it did not.
@Suite("run --once exit status")
struct RunOnceExitStatusTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Wire</title>
        <item><guid>report-1</guid><title>Ceasefire report published</title>
        <pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>
        </channel></rss>
        """

    /// A configuration polling `feeds` on the loopback server with one topic that every item matches, delivering
    /// to the server's webhook.
    static func config(_ directory: TemporaryDirectory, server: TestFeedServer, feeds: [String]) throws -> String {
        try directory.write(
            """
            database: feedwatch.sqlite
            backfill: alert
            poll:
              startup_spread: 0s
              host_gap: 0s
              timeout: 5s
            feeds:
            \(feeds.map { "  - \(server.url($0))" }.joined(separator: "\n"))
            topics:
              - id: reports
                match: report
            sinks:
              - type: webhook
                url: \(server.url("/hooks"))
            """,
            to: "config.yml"
        )
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func everyFeedFailingExitsTwoWithASummary() async throws {
        try await TestFeedServer.withServer { server in
            let directory = try TemporaryDirectory()
            let config = try Self.config(directory, server: server, feeds: ["/gone-1.xml", "/gone-2.xml"])
            let outcome = try await FeedWatchBinary.runAwaiting([
                "run", "--once", "--config", config, "--log-level", "critical",
            ])
            #expect(outcome.status == 2)
            #expect(
                outcome.errors
                    == "feedwatch: polled 2 feeds (2 failed); 0 new items, 0 alerts; 0 delivered; "
                    + "every feed failed; `feedwatch feeds list` shows why\n"
            )
        }
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func aFailedDeliveryExitsThreeAndTheNextRunSendsIt() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: Self.feed)
            server.answerWebhooks(with: [503])
            let directory = try TemporaryDirectory()
            let config = try Self.config(directory, server: server, feeds: ["/wire.xml"])
            let arguments = ["run", "--once", "--config", config, "--log-level", "critical"]
            let failed = try await FeedWatchBinary.runAwaiting(arguments)
            #expect(failed.status == 3)
            #expect(
                failed.errors
                    == "feedwatch: polled 1 feed (0 failed); 1 new item, 1 alert; 0 delivered; "
                    + "1 delivery failed, will retry; `feedwatch alerts list --pending` shows why\n"
            )
            #expect(server.webhooks.isEmpty)

            try await Self.makeDeliveriesDue(directory)
            let retried = try await FeedWatchBinary.runAwaiting(arguments)
            #expect(retried.status == 0)
            #expect(retried.errors.isEmpty)
            #expect(server.webhooks.count == 1)
        }
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func someFeedsFailingIsNotAFailedRun() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: Self.feed)
            let directory = try TemporaryDirectory()
            let config = try Self.config(directory, server: server, feeds: ["/wire.xml", "/gone.xml"])
            let outcome = try await FeedWatchBinary.runAwaiting([
                "run", "--once", "--config", config, "--log-level", "info",
            ])
            #expect(outcome.status == 0)
            #expect(
                outcome.errors.contains(
                    "summary=\"polled 2 feeds (1 failed); 1 new item, 1 alert; 1 delivered\""
                )
            )
            #expect(server.webhooks.count == 1)
        }
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func theHelpDocumentsTheExitStatuses() throws {
        let help = try FeedWatchBinary.run(["run", "--help"])
        for line in ["0  the feeds were polled", "2  every feed polled failed", "3  a delivery failed"] {
            #expect(help.output.contains(line))
        }
    }

    /// Makes every pending delivery due now, as if its retry delay had passed.
    static func makeDeliveriesDue(_ directory: TemporaryDirectory) async throws {
        let store = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        for record in try await store.alerts(withDeliveriesIn: .pending, limit: 100) {
            try await store.requeue(alertID: record.alert.id, now: Date())
        }
    }
}
