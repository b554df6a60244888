import Foundation
import Logging
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchObservability
@testable import FeedWatchStore
@testable import FeedWatchTransport

/// Digests, cooldowns, routing and delivery limits, against a real store and a real webhook receiver on 127.0.0.1.
@Suite("Noise control: digest, cooldown, routing and delivery limits")
struct NoiseControlTests {
    private let directory: TemporaryDirectory
    private let store: SQLiteStore
    private let feed: FeedReference

    init() async throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        let record = try #require(
            try await store.syncFeeds([FeedConfiguration(url: "https://a.example/f")], now: Date()).first
        )
        feed = record.reference
    }

    /// Queues one alert per id for the sink `hook`, raised now, a minute of event time apart.
    private func queue(_ ids: [String], topic: String = "ceasefire", raisedAt: Date = Date()) async throws {
        for (offset, id) in ids.enumerated() {
            let time = Sample.march1.addingTimeInterval(Double(offset) * 60)
            var alert = Sample.alert(id: id, topic: topic, at: time)
            alert.createdAt = raisedAt
            try await store.ingest(
                Sample.item(feed: feed, key: topic + id, at: time),
                topicStates: [],
                alerts: [alert],
                sinks: ["hook"]
            )
        }
    }

    private func webhookSink(_ server: TestFeedServer) throws -> WebhookSink {
        try WebhookSink(
            configuration: .init(name: "hook", url: server.url("/hooks")),
            client: CurlTransport(),
            userAgent: "t"
        )
    }

    @Test func aDigestTopicsAlertsArriveAsOneSignedMessageWhenTheWindowCloses() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b", "c"])
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [try webhookSink(server)],
                grouping: ["ceasefire": .digest(seconds: 600)],
                logger: Logger(label: "t")
            )
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(server.webhooks.isEmpty, "the window is still open")
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(601)) == 3)
            let request = try #require(server.webhooks.first)
            #expect(server.webhooks.count == 1)
            let digest = try AlertPayload.decode(request.body)
            #expect(digest.kind == .digest)
            #expect(digest.alerts?.map(\.id) == ["a", "b", "c"])
            #expect(request.headers["webhook-id"] == digest.id)
            #expect(digest.id.hasPrefix("digest-"))
            #expect(
                try await store.deliveryStates(sink: "hook") == ["a": .delivered, "b": .delivered, "c": .delivered]
            )
        }
    }

    @Test func aCooldownTopicSendsItsFirstAlertAtOnceAndTheRestAsOneDigestAfterwards() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b", "c"])
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [try webhookSink(server)],
                grouping: ["ceasefire": .cooldown(seconds: 3600)],
                logger: Logger(label: "t")
            )
            #expect(try await dispatcher.deliverDue() == 1)
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(1800)) == 0)
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(3601)) == 2)
            let bodies = try server.webhooks.map { try AlertPayload.decode($0.body) }
            #expect(bodies.map(\.kind) == [.newStory, .digest])
            #expect(bodies.first?.id == "a")
            #expect(bodies.last?.alerts?.map(\.id) == ["b", "c"])
        }
    }

    @Test func aRetryingTopicDoesNotHoldBackAnotherTopic() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a"], topic: "ceasefire")
            try await queue(["x"], topic: "elections")
            server.answerWebhooks(with: [503])
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [try webhookSink(server)],
                retryPolicy: RetryPolicy(initialDelay: 60, jitter: 0),
                logger: Logger(label: "t")
            )
            #expect(try await dispatcher.deliverDue() == 1)
            #expect(try await store.deliveryStates(sink: "hook") == ["a": .pending, "x": .delivered])
        }
    }

    @Test func aDeliveryIsDeadAfterTheSinksMaxAttempts() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a"])
            server.answerWebhooks(with: [503, 503, 503])
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [try webhookSink(server)],
                retryPolicy: RetryPolicy(initialDelay: 1, jitter: 0),
                limits: ["hook": SinkRules(maxAttempts: 2)],
                logger: Logger(label: "t")
            )
            try await dispatcher.deliverDue()
            try await dispatcher.deliverDue(now: Date().addingTimeInterval(5))
            let record = try #require(try await store.alert(id: "a"))
            #expect(record.deliveries.map(\.state) == [.dead])
            #expect(record.deliveries.first?.attempts == 2)
            #expect(record.deliveries.first?.lastError?.contains("max_attempts") == true)
        }
    }

    @Test func aDeliveryIsDeadOnceItsAlertIsOlderThanTheSinksMaxAge() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a"], raisedAt: Date().addingTimeInterval(-3600))
            server.answerWebhooks(with: [503])
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [try webhookSink(server)],
                limits: ["hook": SinkRules(maxAge: 1800)],
                logger: Logger(label: "t")
            )
            try await dispatcher.deliverDue()
            let record = try #require(try await store.alert(id: "a"))
            #expect(record.deliveries.map(\.state) == [.dead])
            #expect(record.deliveries.first?.attempts == 1)
            #expect(record.deliveries.first?.lastError?.contains("max_age") == true)
        }
    }

    @Test func eachSinkReceivesOnlyTheTopicsAndKindsRoutedToIt() async throws {
        try await TestFeedServer.withServer { feeds in
            try await TestFeedServer.withServer { statusReceiver in
                feeds.publish("/wire.xml", text: StoryFeeds.wire)
                feeds.publish("/ledger.atom", text: StoryFeeds.ledger)
                feeds.publish("/courier.rdf", text: StoryFeeds.courier)
                let yaml = """
                    database: state/feedwatch.sqlite
                    backfill: alert
                    poll: {startup_spread: 0}
                    feeds:
                      - \(feeds.url("/wire.xml"))
                      - \(feeds.url("/ledger.atom"))
                      - \(feeds.url("/courier.rdf"))
                    topics:
                      - id: ceasefire
                        match: (ceasefire OR truce OR hostages) AND (hamas OR israel OR gaza)
                        status: negotiation
                    sinks:
                      - type: webhook
                        name: everything
                        url: \(feeds.url("/hooks"))
                      - type: webhook
                        name: status-desk
                        url: \(statusReceiver.url("/hooks"))
                        kinds: [status_change]
                      - type: webhook
                        name: feed-health
                        url: \(statusReceiver.url("/elsewhere"))
                        topics: [feeds]
                    """
                let configuration = try FeedWatchConfiguration.load(contentsOf: try directory.write(yaml, to: "c.yml"))
                let app = try await FeedWatchApplication(
                    configuration: configuration,
                    logger: Logger(label: "t"),
                    logLine: { _ in }
                )
                try await app.runOnce()
                let everything = try feeds.webhooks.map { try AlertPayload.decode($0.body).kind }
                let status = try statusReceiver.webhooks.map { try AlertPayload.decode($0.body).kind }
                #expect(Set(everything).isSuperset(of: [.newStory, .statusChange]))
                #expect(!status.isEmpty)
                #expect(status.allSatisfy { $0 == .statusChange })
                #expect(status.count == everything.filter { $0 == .statusChange }.count)
                #expect(statusReceiver.requests.filter { $0.path == "/elsewhere" }.isEmpty)
            }
        }
    }

    @Test func aReloadedDigestHoldsTheTopicsNextAlertsAndSendsThemAsOne() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: StoryFeeds.wire)
            server.publish("/ledger.atom", text: StoryFeeds.ledger)
            func config(digest: String) -> String {
                """
                database: state/feedwatch.sqlite
                backfill: alert
                poll: {startup_spread: 0}
                feeds: [\(server.url("/wire.xml")), \(server.url("/ledger.atom"))]
                topics:
                  - id: ceasefire
                    match: (ceasefire OR truce OR hostages) AND (hamas OR israel OR gaza)
                    status: negotiation
                \(digest)
                sinks:
                  - type: webhook
                    url: \(server.url("/hooks"))
                """
            }
            let file = try directory.write(config(digest: ""), to: "config.yml")
            let app = try await FeedWatchApplication(
                configuration: try FeedWatchConfiguration.load(contentsOf: file),
                logger: Logger(label: "t"),
                logLine: { _ in }
            )
            try directory.write(config(digest: "    digest: 1h"), to: "config.yml")
            let reloader = ReloadService(
                path: file,
                pipeline: app.pipeline,
                dispatcher: app.dispatcher,
                notifier: SystemdNotifier(environment: [:]),
                logger: Logger(label: "t")
            )
            #expect(await reloader.reload())
            try await app.runOnce()
            #expect(server.webhooks.isEmpty, "the digest window is open")
            let queued = try await app.store.pendingDeliveryCount()
            #expect(queued > 1)
            #expect(try await app.dispatcher.deliverDue(now: Date().addingTimeInterval(3601)) == queued)
            let digest = try AlertPayload.decode(try #require(server.webhooks.first).body)
            #expect(server.webhooks.count == 1)
            #expect(digest.kind == .digest)
            #expect(digest.alerts?.count == queued)
        }
    }
}
