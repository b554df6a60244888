import Crypto
import Foundation
import Logging
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore
@testable import FeedWatchTransport

@Suite("AlertDispatcher: delivery from the outbox")
struct AlertDispatcherTests {
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

    private func queue(_ ids: [String], sink: String) async throws {
        for (offset, id) in ids.enumerated() {
            let time = Sample.march1.addingTimeInterval(Double(offset) * 60)
            try await store.ingest(
                Sample.item(feed: feed, key: id, at: time),
                topicStates: [],
                alerts: [Sample.alert(id: id, at: time)],
                sinks: [sink]
            )
        }
    }

    @Test func deliversEveryDueAlertInEventTimeOrderAndOnlyOnce() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b", "c"], sink: "hook")
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: server.url("/hooks")),
                client: CurlTransport(),
                userAgent: "test"
            )
            let dispatcher = AlertDispatcher(store: store, sinks: [sink], logger: Logger(label: "test"))
            #expect(try await dispatcher.deliverDue() == 3)
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["a", "b", "c"])
        }
    }

    @Test func aFailedDeliveryHoldsBackLaterOnesUntilItsRetry() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b"], sink: "hook")
            server.answerWebhooks(with: [503])
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: server.url("/hooks")),
                client: CurlTransport(),
                userAgent: "test"
            )
            let policy = RetryPolicy(initialDelay: 30, jitter: 0)
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [sink],
                retryPolicy: policy,
                logger: Logger(label: "t")
            )
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(try await store.deliveryStates(sink: "hook") == ["a": .pending, "b": .pending])
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(15)) == 0, "b waits behind a")
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(60)) == 2)
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["a", "b"])
        }
    }

    @Test func aRefusedDeliveryIsDeadAndDoesNotBlockTheRest() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b"], sink: "hook")
            server.answerWebhooks(with: [400])
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: server.url("/hooks")),
                client: CurlTransport(),
                userAgent: "test"
            )
            let dispatcher = AlertDispatcher(store: store, sinks: [sink], logger: Logger(label: "t"))
            #expect(try await dispatcher.deliverDue() == 1)
            #expect(try await store.deliveryStates(sink: "hook") == ["a": .dead, "b": .delivered])
        }
    }

    @Test func retryPolicyGrowsExponentiallyUpToItsCapAndThenGivesUp() {
        let policy = RetryPolicy(initialDelay: 10, maximumDelay: 100, maximumAttempts: 6, jitter: 0)
        let now = Date(timeIntervalSince1970: 0)
        let delays = (1...5).map { policy.nextAttempt(after: $0, now: now)?.timeIntervalSince1970 }
        #expect(delays == [10, 20, 40, 80, 100])
        #expect(policy.nextAttempt(after: 6, now: now) == nil)
    }

    @Test func aReceiversRetryAfterIsHonouredUpToTheSinksLongestDelay() {
        let policy = RetryPolicy(initialDelay: 10, maximumDelay: 100, maximumAttempts: 6, jitter: 0)
        let now = Date(timeIntervalSince1970: 0)
        #expect(policy.nextAttempt(after: 1, now: now, requested: 60)?.timeIntervalSince1970 == 60)
        #expect(policy.nextAttempt(after: 1, now: now, requested: 365 * 86_400)?.timeIntervalSince1970 == 100)
    }
}

@Suite("Dead alerts: listed, and re-sent on request")
struct DeadAlertTests {
    @Test func goneReceiverMakesTheAlertDeadAndRetryResendsIt() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        let feed = try #require(
            try await store.syncFeeds([FeedConfiguration(url: "https://a.example/f")], now: Date()).first
        )
        try await store.ingest(
            Sample.item(feed: feed.reference, key: "k1"),
            topicStates: [],
            alerts: [Sample.alert(id: "gone-1")],
            sinks: ["hook"]
        )
        try await TestFeedServer.withServer { server in
            server.answerWebhooks(with: [410])
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: server.url("/hooks")),
                client: CurlTransport(),
                userAgent: "test"
            )
            let dispatcher = AlertDispatcher(store: store, sinks: [sink], logger: Logger(label: "t"))
            #expect(try await dispatcher.deliverDue() == 0)
            let dead = try await store.alerts(withDeliveriesIn: .dead, limit: 10)
            #expect(dead.map(\.alert.id) == ["gone-1"])
            #expect(dead.first?.deliveries.first?.lastError?.contains("HTTP 410") == true)
            #expect(try await store.alerts(withDeliveriesIn: .pending, limit: 10).isEmpty)

            #expect(try await store.requeueDead(now: Date()) == 1)
            #expect(try await dispatcher.deliverDue() == 1)
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["gone-1"])
            let record = try #require(try await store.alert(id: "gone-1"))
            #expect(record.deliveries.map(\.state) == [.delivered])
            #expect(try await store.requeue(alertID: "gone-1", now: Date()) == 0, "a delivered alert is not requeued")
        }
    }
}

@Suite("A receiver that is down for a while, then back")
struct ReceiverOutageTests {
    @Test func everyAlertArrivesAfterwardsInEventTimeOrderPerTopicWithValidSignatures() async throws {
        let directory = try TemporaryDirectory()
        let secret = "outage-secret"
        let secretFile = try directory.write(secret, to: "webhook.key")
        let store = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        let feed = try #require(
            try await store.syncFeeds([FeedConfiguration(url: "https://a.example/f")], now: Date()).first
        )
        // Two topics, alerts committed out of event-time order.
        let plan: [(id: String, topic: String, offset: Double)] = [
            ("c", "ceasefire", 300), ("a", "ceasefire", 100), ("x", "elections", 50), ("b", "ceasefire", 200),
            ("y", "elections", 150),
        ]
        for entry in plan {
            let time = Sample.march1.addingTimeInterval(entry.offset)
            try await store.ingest(
                Sample.item(feed: feed.reference, key: "item-" + entry.id, at: time),
                topicStates: [],
                alerts: [Sample.alert(id: entry.id, topic: entry.topic, at: time)],
                sinks: ["hook"]
            )
        }
        try await TestFeedServer.withServer { server in
            server.answerWebhooks(with: Array(repeating: 503, count: 6))
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: server.url("/hooks"), secretFile: secretFile),
                client: CurlTransport(),
                userAgent: "test"
            )
            let policy = RetryPolicy(initialDelay: 0.05, maximumDelay: 0.2, maximumAttempts: 50, jitter: 0.1)
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [sink],
                retryPolicy: policy,
                logger: Logger(label: "t")
            )
            for _ in 0..<200 where server.webhooks.count < plan.count {
                try await dispatcher.deliverDue()
                try await Task.sleep(for: .milliseconds(20))
            }
            let received = server.webhooks
            #expect(received.count == plan.count)
            #expect(server.requests.filter { $0.status == 503 }.count == 6)
            let ids = received.compactMap { $0.headers["webhook-id"] }
            #expect(ids.filter { ["a", "b", "c"].contains($0) } == ["a", "b", "c"])
            #expect(ids.filter { ["x", "y"].contains($0) } == ["x", "y"])
            for request in received {
                let id = try #require(request.headers["webhook-id"])
                let timestamp = try #require(request.headers["webhook-timestamp"])
                var signed = Data("\(id).\(timestamp).".utf8)
                signed.append(request.body)
                let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
                #expect(request.headers["webhook-signature"] == "v1," + Data(mac).base64EncodedString())
            }
            #expect(try await store.deliveryStates(sink: "hook").values.allSatisfy { $0 == .delivered })
        }
    }
}
