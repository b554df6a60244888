import Foundation
import Logging
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore
@testable import FeedWatchTransport

/// A topic with many held-back deliveries must not hide other topics' due ones on the same sink, on every backend.
@Suite("Delivery fairness: the due head of every topic goes")
struct DeliveryFairnessTests {
    /// Queues one alert per id of `topic` to `sink`, all in one transaction, raised from `start` a millisecond apart.
    private static func queue(
        _ ids: [String],
        topic: String,
        from start: Date,
        sink: String,
        in fixture: StoreFixture
    ) async throws {
        let feed = try await fixture.makeFeed().reference
        let items = ids.enumerated().map { offset, id in
            Sample.item(feed: feed, key: id, at: start.addingTimeInterval(Double(offset) / 1000))
        }
        try await fixture.store.ingest(items, sinks: [sink]) { item, _ in
            ([], [Sample.alert(id: item.item.id ?? "", topic: topic, at: item.eventTime)])
        }
    }

    @Test(arguments: StoreBackend.tested)
    func fiveHundredHeldBackAlertsOfOneTopicDoNotStopAnotherTopic(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        try await TestFeedServer.withServer { server in
            let now = Date()
            // 500 alerts of a digest topic whose window is still open, raised before the other topic's alert.
            try await Self.queue(
                (0..<500).map { "held-\($0)" },
                topic: "held",
                from: now.addingTimeInterval(-30),
                sink: "hook",
                in: fixture
            )
            try await Self.queue(["other-0"], topic: "other", from: now, sink: "hook", in: fixture)
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: server.url("/hooks")),
                client: CurlTransport(),
                userAgent: "test"
            )
            let dispatcher = AlertDispatcher(
                store: fixture.store,
                sinks: [sink],
                grouping: ["held": .digest(seconds: 3600)],
                logger: Logger(label: "t")
            )
            #expect(try await dispatcher.deliverDue(now: now.addingTimeInterval(120)) == 1)
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["other-0"])
            let states = try await fixture.store.deliveryStates(sink: "hook")
            #expect(states["other-0"] == .delivered)
            #expect(states.values.filter { $0 == .pending }.count == 500, "the digest still waits for its window")
        }
    }
}
