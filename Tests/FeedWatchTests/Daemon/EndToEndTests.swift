import Foundation
import InMemoryLogging
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchStore

/// The whole daemon, wired by the same factory `main` uses, against a real HTTP server on 127.0.0.1, a real SQLite
/// file and a real webhook receiver.
@Suite("End to end: poll, parse, analyze, store, alert")
struct EndToEndTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func configuration(
        _ server: TestFeedServer,
        backfill: String = "alert",
        maxBody: String = "1MB",
        extraFeeds: [String] = []
    ) throws -> FeedWatchConfiguration {
        let feeds = ["/wire.xml", "/ledger.atom", "/courier.rdf"].map { "  - url: \(server.url($0))" } + extraFeeds
        let yaml = """
            database: state/feedwatch.sqlite
            backfill: \(backfill)
            poll:
              interval: 15m
              timeout: 5s
              startup_spread: 0
              max_body: \(maxBody)
              user_agent: "feedwatch-e2e/1.0"
            feeds:
            \(feeds.joined(separator: "\n"))
            topics:
              - id: ceasefire
                name: Gaza ceasefire talks
                match: (ceasefire OR truce OR hostages) AND (hamas OR israel OR gaza)
                status: negotiation
            sinks:
              - type: webhook
                url: \(server.url("/hooks"))
            """
        let file = try directory.write(yaml, to: "config.yml")
        return try FeedWatchConfiguration.load(contentsOf: file)
    }

    private func publishStory(on server: TestFeedServer) {
        server.publish("/wire.xml", text: StoryFeeds.wire)
        server.publish("/ledger.atom", text: StoryFeeds.ledger)
        server.publish("/courier.rdf", text: StoryFeeds.courier)
    }

    private func makeApp(_ configuration: FeedWatchConfiguration) async throws -> FeedWatchApplication {
        try await FeedWatchApplication(configuration: configuration, logger: Logger(label: "e2e"), logLine: { _ in })
    }

    @Test func oneCycleDeliversTheStorysAlertsToTheWebhook() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let app = try await makeApp(try configuration(server))
            let report = try await app.runOnce()
            #expect(report.polled == 3)
            #expect(report.fetched == 3)
            #expect(report.newItems == 5)

            let alerts = try server.webhooks.map { try AlertPayload.decode($0.body) }
            #expect(Set(server.webhooks.compactMap { $0.headers["webhook-id"] }).count == alerts.count)
            #expect(alerts.allSatisfy { $0.topic == "ceasefire" })

            let proposal = alerts.filter {
                $0.kind == .newStory && $0.evidence.first?.link == "https://hw.example/truce-proposal"
            }
            #expect(proposal.count == 1)
            #expect(proposal.first?.evidence.first?.feed == server.url("/wire.xml"))
            #expect(proposal.first?.at == Date(timeIntervalSince1970: 1_772_352_000))

            let rejection = alerts.filter { $0.kind == .statusChange && $0.status?.to == "rejected" }
            #expect(rejection.count == 1)
            #expect(rejection.first?.status?.from == "proposed")
            #expect(
                rejection.first?.evidence.first?.title == "Israel rejects the truce plan, calling its terms unworkable"
            )
            #expect(rejection.first?.summary.contains("rejected") == true)
            // The wire's headline states the rejection as fact, which confirms it alone (headline_confirms).
            #expect(rejection.first?.evidence.map(\.feed) == [server.url("/wire.xml")])
            #expect(rejection.first?.explanation?.sources.count == 1)
            #expect(rejection.first?.explanation?.cueSentence?.contains("rejects") == true)

            let copies = alerts.filter { $0.evidence.contains { $0.feed == server.url("/ledger.atom") } }
            #expect(copies.isEmpty, "the syndicated copy raises no alert")

            let stored = try await app.store.alerts(limit: 100)
            #expect(Set(stored.map(\.id)) == Set(alerts.map(\.id)))
        }
    }

    @Test func secondCycleOverUnchangedFeedsIsConditionalAndRaisesNothing() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let app = try await makeApp(try configuration(server))
            try await app.runOnce()
            let delivered = server.webhooks.count
            let report = try await app.runOnce()
            #expect(report.notModified == 3)
            #expect(report.alerts == 0)
            #expect(server.webhooks.count == delivered)
            for path in ["/wire.xml", "/ledger.atom", "/courier.rdf"] {
                let last = try #require(server.requests(to: path).last)
                #expect(last.status == 304)
                #expect(last.headers["If-None-Match"] != nil)
                #expect(last.headers["If-Modified-Since"] == "Sun, 01 Mar 2026 08:00:00 GMT")
            }
        }
    }

    @Test func restartingTheProcessChangesNeitherRequestsNorAlerts() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let config = try configuration(server)
            try await makeApp(config).runOnce()
            let delivered = server.webhooks.count
            let restarted = try await makeApp(config)
            let report = try await restarted.runOnce()
            #expect(report.notModified == 3)
            #expect(report.alerts == 0)
            #expect(server.webhooks.count == delivered)
            #expect(try await restarted.store.itemCount() == 5)
        }
    }

    @Test func silentBackfillRaisesNothingForWhatIsAlreadyThereButAlertsOnNewItems() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: StoryFeeds.wire)
            server.publish("/ledger.atom", text: StoryFeeds.ledger)
            let app = try await makeApp(try configuration(server, backfill: "silent"))
            let first = try await app.runOnce()
            #expect(first.newItems == 3)
            #expect(first.alerts == 0)
            server.publish("/courier.rdf", text: StoryFeeds.courier)
            let restarted = try await makeApp(try configuration(server, backfill: "silent"))
            try await restarted.runOnce()
            #expect(server.webhooks.isEmpty, "the courier is seen for the first time too, so its items are backfill")
            server.publish(
                "/wire.xml",
                text: StoryFeeds.wire.replacingOccurrences(
                    of: "</channel>",
                    with: """
                        <item><title>Hamas and Israel agree to a ceasefire deal in Gaza</title>
                        <guid>hw-agreed</guid><link>https://hw.example/agreed</link>
                        <pubDate>Fri, 06 Mar 2026 12:00:00 GMT</pubDate>
                        <description>Both sides agreed to the ceasefire and a first exchange of hostages.</description></item>
                        </channel>
                        """
                )
            )
            let third = try await restarted.runOnce()
            #expect(third.newItems == 1)
            #expect(third.alerts >= 1)
            #expect(server.webhooks.count == third.alerts)
        }
    }

    // MARK: - Bad input: a clear error, and nothing stored before is lost

    private func storeStoryThenServe(_ path: String, _ document: TestFeedServer.Document, maxBody: String = "1MB")
        async throws -> (FeedRecord, FeedWatchApplication, Int)
    {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let app = try await makeApp(try configuration(server, maxBody: maxBody))
            try await app.runOnce()
            let alertsBefore = try await app.store.alerts(limit: 100).count
            server.publish(path, document)
            let report = try await app.runOnce()
            #expect(report.failed == 1)
            let feed = try #require(try await app.store.feeds().first { $0.url == server.url(path) })
            #expect(try await app.store.itemCount() == 5, "items stored before are intact")
            #expect(try await app.store.alerts(limit: 100).count == alertsBefore, "alerts stored before are intact")
            return (feed, app, alertsBefore)
        }
    }

    @Test func malformedXMLIsAParseErrorWithItsLine() async throws {
        let body = Data(StoryFeeds.unrecoverable.utf8)
        let (feed, _, _) = try await storeStoryThenServe("/wire.xml", .init(body: body))
        let error = try #require(feed.lastError)
        #expect(error.contains("malformed XML"))
        #expect(error.contains("line"))
        #expect(error.contains("/wire.xml"))
        #expect(feed.consecutiveFailures == 1)
    }

    @Test func recoverableMalformedXMLIsIngestedWithAWarning() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let logs = InMemoryLogHandler()
            let logger = Logger(label: "e2e") { _ in logs }
            let app = try await FeedWatchApplication(
                configuration: try configuration(server),
                logger: logger,
                logLine: { _ in }
            )
            try await app.runOnce()
            server.publish("/wire.xml", .init(body: Data(StoryFeeds.malformed.utf8)))
            let report = try await app.runOnce()
            #expect(report.failed == 0)
            #expect(
                try await app.store.itemCount() == 6,
                "the five stored items are intact and the recovered one is added"
            )
            let message: Logger.Message = "feed is not well-formed, recovered what it could"
            let warning = try #require(logs.entries.first { $0.message == message })
            #expect(warning.level == .warning)
            #expect(warning.metadata["feed"] == "\(server.url("/wire.xml"))")
            #expect(warning.metadata["error"] != nil)
        }
    }

    @Test func billionLaughsIsRefusedWithoutExpansion() async throws {
        let (feed, _, _) = try await storeStoryThenServe("/wire.xml", .init(body: Data(StoryFeeds.billionLaughs.utf8)))
        let error = try #require(feed.lastError)
        #expect(error.contains("entit"))
    }

    @Test func feedLargerThanTheBodyCapIsRefused() async throws {
        let huge = Data(repeating: 0x20, count: 300_000)
        let (feed, _, _) = try await storeStoryThenServe("/courier.rdf", .init(body: huge), maxBody: "200KB")
        let error = try #require(feed.lastError)
        #expect(error.contains("larger than the 200000-byte cap"))
        #expect(error.contains("poll.max_body"))
    }

    @Test func unreachableHostIsReportedAndTheOtherFeedsStillWork() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let app = try await makeApp(try configuration(server, extraFeeds: ["  - url: http://127.0.0.1:1/feed.xml"]))
            let report = try await app.runOnce()
            #expect(report.failed == 1)
            #expect(report.fetched == 3)
            let feed = try #require(try await app.store.feeds().first { $0.url == "http://127.0.0.1:1/feed.xml" })
            #expect(feed.lastError?.contains("fetching http://127.0.0.1:1/feed.xml failed") == true)
            #expect(feed.lastError?.contains("check the URL and that the host is up") == true)
            #expect(try await app.store.itemCount() == 5)
        }
    }

    @Test func configWithATypoNamesFileLineAndKeyAndLeavesTheDatabaseAlone() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let config = try configuration(server)
            try await makeApp(config).runOnce()
            let typo = try directory.write(
                """
                database: state/feedwatch.sqlite
                poll:
                  intervall: 5m
                """,
                to: "typo.yml"
            )
            let error = #expect(throws: ConfigError.self) { try FeedWatchConfiguration.load(contentsOf: typo) }
            #expect(error?.line == 3)
            #expect(error?.keyPath == "poll.intervall")
            #expect(error?.description.contains("did you mean 'interval'") == true)
            #expect(try await SQLiteStore(path: config.database).itemCount() == 5)
        }
    }

    // MARK: - Service lifecycle

    @Test func daemonPollsDeliversAndStopsGracefullyOnShutdown() async throws {
        try await TestFeedServer.withServer { server in
            publishStory(on: server)
            let app = try await makeApp(try configuration(server))
            let group = ServiceGroup(
                configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for _ in 0..<200 where server.webhooks.count < 3 {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(server.webhooks.count >= 3)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(try await app.store.itemCount() == 5)
        }
    }
}
