import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchObservability
@testable import FeedWatchParse
@testable import FeedWatchStore
@testable import FeedWatchViews

/// The dashboard and the Atom feed on the real HTTP listener (127.0.0.1, a port of its own), over the store the
/// README's demo fills, fetched with libcurl as a browser would.
@Suite("Dashboard: the demo on the real listener")
struct DashboardTests {
    /// A feed whose item matches the demo topic (and moves its status) with hostile markup in its title and a
    /// `javascript:` link (the title escaped twice, so it holds the markup as text after parsing, as a feed that
    /// escapes its HTML titles does).
    static let hostileFeed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Hostile Herald</title><link>https://hostile.example/</link>
        <description>x</description>
        <item><title>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; "&amp;gt;&amp;lt;img src=x onerror=alert(2)&amp;gt; Gaza truce talks stall in Cairo</title>
        <link>javascript:alert(document.cookie)</link><guid isPermaLink="false">hostile-1</guid>
        <pubDate>Thu, 05 Mar 2026 09:00:00 GMT</pubDate>
        <description>Mediators said the truce talks on Gaza stalled again as Israel and Hamas traded blame.</description></item>
        </channel></rss>
        """

    /// Requests to the listener under test, over a plain socket (every header is seen).
    struct Client: Sendable {
        let port: Int

        func callAsFunction(
            _ path: String,
            _ headers: [(name: String, value: String)] = [],
            method: String = "GET"
        ) async throws -> LoopbackHTTP.Response {
            // The socket blocks: off the cooperative pool, whose threads the listener's handlers need.
            let port = self.port
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(
                        with: Result {
                            try LoopbackHTTP.request(port: port, path: path, method: method, headers: headers)
                        }
                    )
                }
            }
        }
    }

    /// Runs `body` with the dashboard of a demo installation listening on 127.0.0.1.
    static func withDashboard(
        _ demo: DemoInstallation,
        password: String? = nil,
        coverage: CoverageIndex? = nil,
        _ body: @Sendable (_ get: Client) async throws -> Void
    ) async throws {
        let store: any ViewStore = try SQLiteStore(path: demo.configuration.database)
        let views =
            try coverage.map { TopicViews(topics: demo.configuration.topics, store: store, coverage: $0) }
            ?? TopicViews(topics: demo.configuration.topics, store: store)
        var listener = MetricsConfiguration(host: "127.0.0.1", port: 0)
        if let password {
            listener.passwordFile = try demo.directory.write(password + "\n", to: "http-password")
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = MetricsServer(
            configuration: listener,
            metrics: FeedWatchMetrics(),
            healthWindow: 60,
            logger: Logger(label: "dashboard-test"),
            onListening: { continuation.yield($0) },
            pages: [
                Dashboard(
                    views: views,
                    sinks: demo.configuration.sinks,
                    logger: Logger(label: "dashboard-test")
                )
            ]
        )
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server)], logger: Logger(label: "dashboard-test"))
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await value in ports {
                port = value
                break
            }
            try await body(Client(port: port))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func theCoverageIndexIsBuiltWhenTheListenerStartsNotOnTheFirstVisit() async throws {
        let demo = try await DemoInstallation()
        let coverage = CoverageIndex(analyzer: try Analyzer(topics: demo.configuration.topics))
        try await Self.withDashboard(demo, coverage: coverage) { get in
            // No page is asked for: only /healthz, which does not read the store.
            #expect(try await get("/healthz").status != 404)
            var waited = 0
            while await !coverage.isBuilt, waited < 200 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            #expect(await coverage.isBuilt)
        }
    }

    @Test func everyPageAnswersWithTheDemoTopicItsStatusAndStories() async throws {
        let demo = try await DemoInstallation()
        try await Self.withDashboard(demo) { get in
            let index = try await get("/")
            #expect(index.status == 200)
            #expect(index.text.contains("Gaza ceasefire talks"))
            #expect(index.text.contains(#"data-status="negotiating""#))
            #expect(index.text.contains("<svg class=\"sparkline\""))
            #expect(index.text.contains("<strong>3</strong> ok"))

            let topic = try await get("/topics/ceasefire")
            #expect(topic.status == 200)
            #expect(topic.text.contains(#"<rect class="band" data-status="rejected""#))
            #expect(topic.text.contains(#"<rect class="band" data-status="negotiating""#))
            #expect(topic.text.contains(##"<a class="change-marker" href="#change-1""##))
            #expect(topic.text.contains("Israel rejects the truce plan, calling its terms unworkable"))
            #expect(topic.text.contains("Ceasefire negotiators regroup in Doha after the Cairo round ends"))
            #expect(topic.text.contains("Harbor Wire, Lakeside Ledger"))
            #expect(topic.text.contains("<svg class=\"coverage\""))

            let alerts = try await get("/alerts?topic=ceasefire&kind=status_change")
            #expect(alerts.status == 200)
            #expect(alerts.text.components(separatedBy: "<tr class=\"alert\">").count - 1 == 2)

            let id = try #require(
                alerts.text.components(separatedBy: "href=\"/alerts/").dropFirst().first?.prefix { $0 != "\"" }
            )
            let alert = try await get("/alerts/\(id)")
            #expect(alert.status == 200)
            #expect(alert.text.contains("status_change"))
            #expect(alert.text.contains("<td>log</td><td>log</td><td>standard output</td>"))

            let feeds = try await get("/feeds")
            #expect(feeds.status == 200)
            #expect(feeds.text.contains("Northern Courier"))
            #expect(feeds.text.components(separatedBy: #"data-state="ok""#).count - 1 == 3)

            #expect(try await get("/topics/nope").status == 404)
            #expect(try await get("/alerts/nope").status == 404)
        }
    }

    @Test func everyResponseForbidsScriptsFramesAndForeignLoads() async throws {
        let demo = try await DemoInstallation()
        try await Self.withDashboard(demo) { get in
            for path in ["/", "/topics/ceasefire", "/alerts", "/feeds", "/alerts.atom", "/static/dashboard.css"] {
                let page = try await get(path)
                let policy = page.headers["content-security-policy"] ?? ""
                #expect(policy.contains("default-src 'none'"), "\(path)")
                #expect(!policy.contains("script-src"), "\(path)")
                #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(page.headers["x-content-type-options"] == "nosniff", "\(path)")
                #expect(!page.text.contains("<script"), "\(path)")
                #expect(!page.text.contains("http://cdn") && !page.text.contains("https://cdn"), "\(path)")
            }
        }
    }

    @Test func hostileTitlesAndLinksComeOutInert() async throws {
        let demo = try await DemoInstallation(extraFeeds: [(name: "hostile.xml", text: Self.hostileFeed)])
        try await Self.withDashboard(demo) { get in
            let pages = ["/", "/topics/ceasefire", "/alerts"]
            var seen = ""
            for path in pages {
                let page = try await get(path)
                #expect(page.status == 200)
                seen += page.text
                #expect(!page.text.contains("<script"), "\(path)")
                #expect(!page.text.contains("<img"), "\(path)")
                #expect(!page.text.lowercased().contains("href=\"javascript:"), "\(path)")
            }
            #expect(
                seen.contains(
                    "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; Gaza truce talks"
                )
            )
            let alerts = try await get("/alerts?topic=ceasefire&kind=status_change")
            for id in alerts.text.components(separatedBy: "href=\"/alerts/").dropFirst().map({
                $0.prefix { $0 != "\"" }
            }) {
                let alert = try await get("/alerts/\(id)")
                #expect(!alert.text.contains("<script"))
                #expect(!alert.text.contains("<img"))
                #expect(!alert.text.lowercased().contains("href=\"javascript:"))
            }
            let atom = try await get("/alerts.atom")
            #expect(!atom.text.contains("<script"))
            #expect(!atom.text.contains("javascript:"))
        }
    }

    @Test func webhookSinksAreShownWithoutTheirPathOrQuery() {
        let sink = SinkConfiguration.webhook(
            WebhookSinkConfiguration(url: "https://hooks.example.com:8443/services/T000/B000/SECRET?token=abc")
        )

        #expect(Dashboard.sinkTarget(sink) == "https://hooks.example.com:8443")
        #expect(
            Dashboard.redactURLs("POST https://hooks.example.com/services/SECRET failed: 500")
                == "POST https://hooks.example.com failed: 500"
        )
    }

    @Test func theAtomFeedParsesWithFeedwatchsOwnParserOneEntryPerAlert() async throws {
        let demo = try await DemoInstallation()
        let store = try SQLiteStore(path: demo.configuration.database)
        let stored = try await store.alerts(matching: AlertQuery(topic: "ceasefire", limit: 100)).records.map(\.alert)
        try await Self.withDashboard(demo) { get in
            for path in ["/alerts.atom", "/topics/ceasefire/alerts.atom"] {
                let response = try await get(path)
                #expect(response.status == 200)
                #expect(response.headers["content-type"]?.hasPrefix("application/atom+xml") == true)
                let feed = try FeedParser().parse(Data(response.text.utf8), url: "http://127.0.0.1" + path)
                let entries = feed.items.map(\.id)
                #expect(entries.count == stored.count, "\(path)")
                #expect(Set(entries) == Set(stored.map { AlertAtomFeed.entryID($0.id) }), "\(path)")
                let change = try #require(stored.first { $0.kind == .statusChange })
                let entry = try #require(feed.items.first { $0.id == AlertAtomFeed.entryID(change.id) })
                #expect(entry.title == change.summary)
                #expect(entry.content?.contains("Sources:") == true)
            }
            #expect(try await get("/topics/nope/alerts.atom").status == 404)
        }
    }

    @Test func aPasswordProtectedListenerAsksEveryRequestForIt() async throws {
        let demo = try await DemoInstallation()
        try await Self.withDashboard(demo, password: "s3cret") { get in
            let refused = try await get("/")
            #expect(refused.status == 401)
            #expect(refused.headers["www-authenticate"]?.hasPrefix("Basic") == true)
            let wrong = "Basic " + Data("feedwatch:guess".utf8).base64EncodedString()
            #expect(try await get("/topics/ceasefire", [(name: "Authorization", value: wrong)]).status == 401)
            let right = "Basic " + Data("feedwatch:s3cret".utf8).base64EncodedString()
            #expect(try await get("/", [(name: "Authorization", value: right)]).status == 200)
            #expect(try await get("/metrics", [(name: "Authorization", value: right)]).status == 200)
        }
    }

    @Test func noRequestChangesAnything() async throws {
        let demo = try await DemoInstallation()
        let store = try SQLiteStore(path: demo.configuration.database)
        let before = try await store.alerts(withDeliveriesIn: nil, limit: 100)
        try await Self.withDashboard(demo) { get in
            for path in ["/", "/alerts", "/alerts/" + (before.first?.alert.id ?? ""), "/topics/ceasefire", "/feeds"] {
                for method in ["POST", "PUT", "DELETE"] {
                    let status = try await get(path, method: method).status
                    #expect(status == 405 || status == 404, "\(method) \(path)")
                }
            }
        }
        await #expect(try store.alerts(withDeliveriesIn: nil, limit: 100) == before)
    }
}
