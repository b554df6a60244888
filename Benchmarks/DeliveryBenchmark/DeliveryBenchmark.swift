import FeedWatchAlerts
import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import FeedWatchStore
import FeedWatchTransport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Delivery throughput and latency: alerts committed to the outbox, delivered by the dispatcher to a webhook
/// receiver on 127.0.0.1, timed from commit to receipt.
///
/// Usage: `DeliveryBenchmark [ALERTS]` (default 5,000). Prints a Markdown table.
@main
struct DeliveryBenchmark {
    static func main() async throws {
        let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5000
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-delivery-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let receipts = Mutex<[String: ContinuousClock.Instant]>([:])
        let router = Router()
        router.post("/hooks") { request, _ -> Response in
            let id = request.headers[HTTPField.Name("webhook-id")!] ?? ""
            _ = try await request.body.collect(upTo: 1 << 20)
            let now = ContinuousClock.now
            receipts.withLock { $0[id] = now }
            return Response(status: .noContent)
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let receiver = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [receiver], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await value in ports {
                port = value
                break
            }
            let store = try SQLiteStore(path: folder.appendingPathComponent("feedwatch.sqlite").path)
            let feed = try await store.syncFeeds([FeedConfiguration(url: "https://bench.example/feed")], now: Date())[0]
            let sink = try WebhookSink(
                configuration: .init(name: "hook", url: "http://127.0.0.1:\(port)/hooks"),
                client: CurlTransport(maximumConcurrentTransfers: 1),
                userAgent: "feedwatch-benchmark"
            )
            let dispatcher = AlertDispatcher(store: store, sinks: [sink], logger: logger)
            let base = Date(timeIntervalSince1970: 1_772_352_000)
            func commit(_ index: Int) async throws -> String {
                let time = base.addingTimeInterval(Double(index))
                let id = "bench-\(index)"
                let item = AnalyzedItem(
                    feed: feed.reference,
                    item: FeedItem(
                        id: id,
                        title: "Item \(index)",
                        link: "https://bench.example/\(index)",
                        published: time
                    ),
                    dedupeKey: "id:" + id,
                    contentHash: id,
                    eventTime: time,
                    firstSeen: time,
                    matches: [:]
                )
                let alert = Alert(
                    id: id,
                    topic: "bench",
                    kind: .newStory,
                    at: time,
                    createdAt: Date(),
                    summary: "New story in \"Bench\": Item \(index) (Bench Wire)",
                    evidence: [
                        .init(
                            title: "Item \(index)",
                            link: "https://bench.example/\(index)",
                            feed: "Bench Wire",
                            published: time
                        )
                    ]
                )
                try await store.ingest(item, topicStates: [], alerts: [alert], sinks: ["hook"])
                return id
            }
            func seconds(_ duration: Duration) -> Double {
                Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            }

            // Throughput: a backlog of `count` alerts drained by the dispatcher.
            for index in 0..<count { _ = try await commit(index) }
            let start = ContinuousClock.now
            while receipts.withLock({ $0.count }) < count {
                try await dispatcher.deliverDue()
            }
            let drain = seconds(ContinuousClock.now - start)

            // Latency: alerts committed one by one at 200 per second while the dispatcher runs.
            let deliverer = Task {
                while !Task.isCancelled {
                    if try await dispatcher.deliverDue() == 0 {
                        try await Task.sleep(for: .milliseconds(1))
                    }
                }
            }
            let paced = min(count, 1000)
            var committed: [String: ContinuousClock.Instant] = [:]
            for index in count..<(count + paced) {
                let id = try await commit(index)
                committed[id] = ContinuousClock.now
                try await Task.sleep(for: .milliseconds(5))
            }
            while receipts.withLock({ $0.count }) < count + paced {
                try await Task.sleep(for: .milliseconds(5))
            }
            deliverer.cancel()
            let latencies = receipts.withLock { received in
                committed.compactMap { id, at in received[id].map { seconds($0 - at) * 1000 } }.sorted()
            }
            func percentile(_ p: Double) -> String {
                String(format: "%.2f ms", latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))])
            }
            print("| backlog delivered | \(count) alerts in \(String(format: "%.2f", drain)) s |")
            print("| throughput | \(String(format: "%.0f", Double(count) / drain)) alerts/s |")
            print("| latency commit → receipt at 200 alerts/s, p50 | \(percentile(0.50)) |")
            print("| latency commit → receipt at 200 alerts/s, p99 | \(percentile(0.99)) |")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
