import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchDaemon
@testable import FeedWatchObservability
@testable import FeedWatchTransport

@Suite("Metrics and health listener")
struct MetricsServerTests {
    @Test func healthIsUnknownUntilTheLoopMakesProgress() {
        let metrics = FeedWatchMetrics()
        #expect(!metrics.isHealthy(window: 60))
        metrics.recordProgress(at: Date(timeIntervalSince1970: 1000))
        #expect(metrics.isHealthy(now: Date(timeIntervalSince1970: 1030), window: 60))
        #expect(!metrics.isHealthy(now: Date(timeIntervalSince1970: 1061), window: 60))
    }

    @Test func metricsAndHealthAreServedAfterAPollCycle() async throws {
        let directory = try TemporaryDirectory()
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: StoryFeeds.wire)
            server.publish("/courier.rdf", text: StoryFeeds.courier)
            let configuration = FeedWatchConfiguration(
                database: directory.path + "/feedwatch.sqlite",
                poll: PollConfiguration(startupSpread: 0),
                backfill: .alert,
                feeds: [
                    FeedConfiguration(url: server.url("/wire.xml")), FeedConfiguration(url: server.url("/courier.rdf")),
                    FeedConfiguration(url: server.url("/missing.xml")),
                ],
                topics: [TopicConfiguration(id: "ceasefire", match: "ceasefire OR truce", status: "negotiation")],
                sinks: [.webhook(.init(url: server.url("/hooks")))],
                metrics: MetricsConfiguration(host: "127.0.0.1", port: 0)
            )
            let app = try await FeedWatchApplication(configuration: configuration, logger: Logger(label: "test"))
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let group = ServiceGroup(
                configuration: .init(
                    services: app.services { port in continuation.yield(port) }.map { .init(service: $0) },
                    logger: Logger(label: "t")
                )
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var port = 0
                for await value in ports {
                    port = value
                    break
                }
                for _ in 0..<200 where server.webhooks.count < 3 || !app.metrics.isHealthy(window: 60) {
                    try await Task.sleep(for: .milliseconds(50))
                }
                let client = CurlTransport()
                let health = try await client.perform(CurlTransport.Request(url: "http://127.0.0.1:\(port)/healthz"))
                #expect(health.status == 200)
                let response = try await client.perform(CurlTransport.Request(url: "http://127.0.0.1:\(port)/metrics"))
                let text = String(decoding: response.body, as: UTF8.self)
                #expect(response.status == 200)
                #expect(text.contains(#"feedwatch_polls_total{result="fetched",status="200"} 2"#))
                #expect(text.contains(#"feedwatch_polls_total{result="failed",status="404"} 1"#))
                #expect(text.contains(#"feedwatch_items_total{kind="new"} 4"#))
                #expect(text.contains(#"feedwatch_alerts_raised_total{kind="new_story"}"#))
                #expect(text.contains(#"feedwatch_alerts_delivered_total{sink="webhook"}"#))
                #expect(text.contains("feedwatch_delivery_latency_seconds_bucket"))
                #expect(text.contains(#"feedwatch_feeds{state="failing"} 1"#))
                #expect(text.contains("feedwatch_poll_cycle_duration_seconds_count 1"))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
