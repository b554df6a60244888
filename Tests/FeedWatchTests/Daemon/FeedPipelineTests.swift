import Foundation
import Logging
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchStore

@Suite("FeedPipeline: what counts as the same item")
struct FeedPipelineTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func rss(_ title: String, guid: String, date: String, body: String) -> String {
        """
        <rss version="2.0"><channel><title>Outlet</title>
        <item><title>\(title)</title><guid isPermaLink="false">\(guid)</guid><pubDate>\(date)</pubDate>
        <description>\(body)</description></item></channel></rss>
        """
    }

    private func app(feeds: [String]) async throws -> FeedWatchApplication {
        let configuration = FeedWatchConfiguration(
            database: directory.path + "/feedwatch.sqlite",
            backfill: .alert,
            feeds: feeds.map { FeedConfiguration(url: $0) },
            topics: [TopicConfiguration(id: "ceasefire", match: "ceasefire OR truce", status: "negotiation")],
            sinks: []
        )
        return try await FeedWatchApplication(configuration: configuration, logger: Logger(label: "test"))
    }

    @Test func twoFeedsReusingTheSameShortGuidAreTwoItems() async throws {
        try await TestFeedServer.withServer { server in
            server.publish(
                "/a.xml",
                text: rss(
                    "Truce talks open in Cairo",
                    guid: "1",
                    date: "Sun, 01 Mar 2026 08:00:00 GMT",
                    body: "Delegations arrived in Cairo for a first round of ceasefire talks."
                )
            )
            server.publish(
                "/b.xml",
                text: rss(
                    "Harbour strike ends after a truce between unions and owners",
                    guid: "1",
                    date: "Sun, 01 Mar 2026 09:00:00 GMT",
                    body: "Dock workers returned to work after a truce was struck with the port owners."
                )
            )
            let app = try await app(feeds: [server.url("/a.xml"), server.url("/b.xml")])
            let report = try await app.runOnce()
            #expect(report.newItems == 2)
            let stories = try await app.store.alerts(limit: 10).filter { $0.kind == .newStory }
            #expect(stories.count == 2)
        }
    }

    @Test func aVerbatimCopyUnderAnotherGuidRaisesNothing() async throws {
        try await TestFeedServer.withServer { server in
            let body = "Delegations arrived in Cairo for a first round of ceasefire talks on Sunday."
            server.publish(
                "/a.xml",
                text: rss("Truce talks open in Cairo", guid: "a-1", date: "Sun, 01 Mar 2026 08:00:00 GMT", body: body)
            )
            server.publish(
                "/b.xml",
                text: rss("Truce talks open in Cairo", guid: "b-9", date: "Sun, 01 Mar 2026 08:30:00 GMT", body: body)
            )
            let app = try await app(feeds: [server.url("/a.xml"), server.url("/b.xml")])
            let report = try await app.runOnce()
            #expect(report.newItems == 2)
            #expect(try await app.store.alerts(limit: 10).count == 1)
            #expect(try await app.store.itemCount() == 2)
        }
    }
}
