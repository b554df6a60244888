import Foundation
import InMemoryLogging
import Logging
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchObservability
@testable import FeedWatchStore
@testable import FeedWatchTransport

/// Deliveries while the store refuses writes (`PRAGMA query_only` on the real SQLite file's writer): an alert that
/// reached its receiver but could not be marked delivered is never sent again, and is recorded once the store works.
@Suite("Delivery faults: sent but unrecorded alerts")
struct DeliveryFaultTests {
    private let outbox: OutboxFixture
    private var store: SQLiteStore { outbox.store }

    init() async throws {
        outbox = try await OutboxFixture()
    }

    private func queue(_ ids: [String], sink: String) async throws {
        try await outbox.queue(ids, sink: sink)
    }

    private func readOnly(_ on: Bool) async throws {
        try await store.configureWriter("PRAGMA query_only = \(on ? 1 : 0)")
    }

    private func webhook(_ server: TestFeedServer) throws -> WebhookSink {
        try WebhookSink(
            configuration: .init(name: "hook", url: server.url("/hooks")),
            client: CurlTransport(),
            userAgent: "test"
        )
    }

    @Test func anArrivalTheStoreCannotRecordIsNotSentAgainAndIsRecordedOnceItCan() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b"], sink: "hook")
            let logs = InMemoryLogHandler()
            let dispatcher = AlertDispatcher(
                store: store,
                sinks: [try webhook(server)],
                logger: Logger(label: "t") { _ in logs }
            )
            try await readOnly(true)
            await #expect(throws: StoreError.self) { try await dispatcher.deliverDue() }
            for _ in 0..<3 {
                await #expect(throws: StoreError.self) { try await dispatcher.deliverDue() }
            }
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["a"], "a once; b waits behind it")
            #expect(dispatcher.unrecordedCount == 1)
            let warning = try #require(
                logs.entries.first {
                    $0.message
                        == "alert delivered but not recorded: kept in memory, recorded (not sent again) once the store works"
                }
            )
            #expect(warning.level == .warning)
            #expect(warning.metadata["alert"] == "a")
            #expect(warning.metadata["error"].map { "\($0)".contains("readonly database") } == true)

            try await readOnly(false)
            #expect(try await dispatcher.deliverDue() == 1, "b goes; a is recorded, not sent")
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["a", "b"])
            #expect(dispatcher.unrecordedCount == 0)
            #expect(try await store.deliveryStates(sink: "hook") == ["a": .delivered, "b": .delivered])
            #expect(try await store.pendingDeliveryCount() == 0)
        }
    }

    @Test func theDeliveryLoopBacksOffWhileTheStoreFailsAndSaysSoOnce() async throws {
        try await TestFeedServer.withServer { server in
            try await queue(["a", "b"], sink: "hook")
            let logs = InMemoryLogHandler()
            let logger = Logger(label: "t") { _ in logs }
            let metrics = FeedWatchMetrics()
            let dispatcher = AlertDispatcher(store: store, sinks: [try webhook(server)], logger: logger)
            // A round every 100 ms when healthy: without a back-off, 60 failing rounds in 6 s.
            let service = DeliveryService(
                dispatcher: dispatcher,
                logger: logger,
                interval: .milliseconds(100),
                metrics: metrics
            )
            try await readOnly(true)
            let loop = Task { try await service.run() }
            try await Task.sleep(for: .seconds(6))
            let errors = Self.counter(#"feedwatch_store_errors_total{loop="delivery"}"#, in: metrics.exposition())
            #expect((1...4).contains(errors), "\(errors) failing rounds in 6 s: 1, 2 and 4 s apart")
            #expect(server.webhooks.count == 1, "the arrival is not sent again")
            try await readOnly(false)
            let deadline = ContinuousClock.now + .seconds(15)
            while try await store.pendingDeliveryCount() > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            loop.cancel()
            _ = try? await loop.value
            #expect(server.webhooks.map { $0.headers["webhook-id"] } == ["a", "b"])
            #expect(try await store.deliveryStates(sink: "hook") == ["a": .delivered, "b": .delivered])
            let failing = logs.entries.filter { $0.message == "store failing, backing off until it works again" }
            #expect(failing.count == 1)
            #expect(failing.first?.metadata["loop"] == "delivery")
            #expect(logs.entries.filter { $0.message == "store recovered" }.count == 1)
            #expect(metrics.exposition().contains(#"feedwatch_store_failing{loop="delivery"} 0.0"#))
        }
    }

    /// The value of one counter line of a Prometheus exposition (0 when absent).
    static func counter(_ series: String, in exposition: String) -> Int {
        for line in exposition.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Int(Double(line.dropFirst(series.count + 1)) ?? 0)
        }
        return 0
    }
}
