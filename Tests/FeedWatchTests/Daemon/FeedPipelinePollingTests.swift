import Foundation
import Logging
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchFetch
@testable import FeedWatchStore

/// How the pipeline treats what servers answer: validators, schedule, rate limits, failures, redirects and 410,
/// against a real HTTP server on 127.0.0.1 and a real SQLite file. "Now" is passed in, so nothing sleeps.
@Suite("FeedPipeline: polite polling")
struct FeedPipelinePollingTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>First</title><guid>first</guid></item></channel></rss>
        """

    private func makeApp(_ server: TestFeedServer, paths: [String] = ["/a.xml"]) async throws -> FeedWatchApplication {
        let yaml = """
            database: state/feedwatch.sqlite
            poll:
              interval: 15m
              timeout: 5s
              host_gap: 0
              startup_spread: 0
              failing_after: 1h
            feeds:
            \(paths.map { "  - url: \(server.url($0))" }.joined(separator: "\n"))
            """
        let file = try directory.write(yaml, to: "config.yml")
        return try await FeedWatchApplication(
            configuration: try FeedWatchConfiguration.load(contentsOf: file),
            logger: Logger(label: "test"),
            logLine: { _ in },
            random: .constant(0)
        )
    }

    private func onlyFeed(_ app: FeedWatchApplication) async throws -> FeedRecord {
        try #require(try await app.store.feeds().first)
    }

    private static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    // MARK: - Validators

    @Test func validatorsAreEchoedByteForByte() async throws {
        try await TestFeedServer.withServer { server in
            let etag = "W/\"a,b;  c\""
            let modified = "Sun, 01 Mar 2026 08:00:00 GMT"
            server.publish("/a.xml", .init(body: Data(Self.feed.utf8), etag: etag, lastModified: modified))
            let app = try await makeApp(server)
            try await app.runOnce()
            try await app.runOnce()
            let second = try #require(server.requests(to: "/a.xml").last)
            #expect(second.headers["If-None-Match"] == etag)
            #expect(second.headers["If-Modified-Since"] == modified)
            #expect(second.status == 304)
        }
    }

    @Test func a304CarryingNewValidatorsRefreshesThem() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/a.xml", text: Self.feed, etag: "\"v1\"")
            let app = try await makeApp(server)
            try await app.runOnce()
            server.script(
                "/a.xml",
                [.init(body: Data(), etag: "\"v2\"", lastModified: "Mon, 02 Mar 2026 09:00:00 GMT", status: 304)]
            )
            let report = try await app.runOnce()
            #expect(report.notModified == 1)
            let feed = try await onlyFeed(app)
            let refreshed = ConditionalRequest(etag: "\"v2\"", lastModified: "Mon, 02 Mar 2026 09:00:00 GMT")
            #expect(feed.validators == refreshed)
            try await app.runOnce()
            #expect(server.requests(to: "/a.xml").last?.headers["If-None-Match"] == "\"v2\"")
        }
    }

    @Test func anUnchanged200RefreshesTheValidators() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/a.xml", text: Self.feed, etag: "\"v1\"")
            let app = try await makeApp(server)
            try await app.runOnce()
            server.publish("/a.xml", text: Self.feed, etag: "\"v1-regenerated\"")
            let report = try await app.runOnce()
            #expect(report.fetched == 1)
            #expect(report.newItems == 0)
            #expect(try await onlyFeed(app).validators.etag == "\"v1-regenerated\"")
        }
    }

    @Test func a200WithoutValidatorsDropsTheOldOnes() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/a.xml", text: Self.feed, etag: "\"v1\"")
            let app = try await makeApp(server)
            try await app.runOnce()
            server.publish("/a.xml", .init(body: Data(Self.feed.utf8)))
            try await app.runOnce()
            #expect(try await onlyFeed(app).validators == ConditionalRequest())
        }
    }

    // MARK: - Schedule

    @Test func restartDoesNotPollEarly() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/a.xml", text: Self.feed)
            try await makeApp(server).runOnce()
            let restarted = try await makeApp(server)
            let early = try await restarted.pipeline.runCycle(now: Date().addingTimeInterval(14 * 60))
            #expect(early.polled == 0)
            #expect(server.requests(to: "/a.xml").count == 1)
            let due = try await restarted.pipeline.runCycle(now: Date().addingTimeInterval(16 * 60))
            #expect(due.polled == 1)
        }
    }

    @Test func startUpSpreadsDueFeedsInsteadOfABurst() async throws {
        try await TestFeedServer.withServer { server in
            var configuration = try await makeApp(server, paths: ["/a.xml", "/b.xml"]).configuration
            configuration.poll.startupSpread = 60
            let spread = try await FeedWatchApplication(
                configuration: configuration,
                logger: Logger(label: "test"),
                logLine: { _ in },
                random: .constant(0.5)
            )
            let now = Date()
            try await spread.pipeline.prepare(now: now)
            let due = await spread.pipeline.feedRecords().values.compactMap(\.nextPollAt)
            #expect(due.count == 2)
            #expect(due.allSatisfy { abs($0.timeIntervalSince(now) - 30) < 0.001 })
            #expect(try await spread.pipeline.runCycle(now: now).polled == 0)
        }
    }

    @Test func cacheControlMaxAgeIsAFloorForTheInterval() async throws {
        try await TestFeedServer.withServer { server in
            server.publish(
                "/a.xml",
                .init(body: Data(Self.feed.utf8), headers: ["Cache-Control": "public, max-age=7200"])
            )
            let app = try await makeApp(server)
            let now = Date()
            try await app.pipeline.runCycle(now: now, force: true)
            let next = try #require(try await onlyFeed(app).nextPollAt)
            #expect(next.timeIntervalSince(now) >= 7200)
            #expect(next.timeIntervalSince(now) < 7300)
        }
    }

    @Test func rssTtlIsAFloorForTheInterval() async throws {
        try await TestFeedServer.withServer { server in
            let withTTL = Self.feed.replacingOccurrences(of: "<title>T</title>", with: "<title>T</title><ttl>180</ttl>")
            server.publish("/a.xml", text: withTTL)
            let app = try await makeApp(server)
            let now = Date()
            try await app.pipeline.runCycle(now: now, force: true)
            let feed = try await onlyFeed(app)
            #expect(feed.ttl == 10_800.0, "180 minutes")
            #expect(try #require(feed.nextPollAt).timeIntervalSince(now) >= 180 * 60)
        }
    }

    // MARK: - Rate limits and failures

    @Test func a429WithRetryAfterSecondsWaitsThatLongWithoutAStrike() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/a.xml", text: Self.feed)
            server.script("/a.xml", [.init(body: Data(), status: 429, headers: ["Retry-After": "7200"])])
            let app = try await makeApp(server)
            let now = Date()
            try await app.pipeline.runCycle(now: now, force: true)
            let feed = try await onlyFeed(app)
            #expect(feed.consecutiveFailures == 0)
            #expect(feed.failingSince == nil)
            let next = try #require(feed.nextPollAt)
            #expect(abs(next.timeIntervalSince(now) - 7200) < 5)
            #expect(feed.state == .backingOff(until: next))
            #expect(try await app.pipeline.runCycle(now: now.addingTimeInterval(7000)).polled == 0)
            #expect(try await app.pipeline.runCycle(now: now.addingTimeInterval(7210)).polled == 1)
        }
    }

    @Test func a429WithRetryAfterHTTPDateWaitsUntilThen() async throws {
        try await TestFeedServer.withServer { server in
            let until = Date().addingTimeInterval(3 * 3600).rounded()
            server.script("/a.xml", [.init(body: Data(), status: 429, headers: ["Retry-After": Self.httpDate(until)])])
            let app = try await makeApp(server)
            try await app.pipeline.runCycle(force: true)
            let feed = try await onlyFeed(app)
            #expect(feed.nextPollAt == until)
            #expect(feed.consecutiveFailures == 0)
        }
    }

    @Test func a503WithRetryAfterIsNoStrikeButWithoutOneIsAFailure() async throws {
        try await TestFeedServer.withServer { server in
            server.script(
                "/a.xml",
                [.init(body: Data(), status: 503, headers: ["Retry-After": "600"]), .init(body: Data(), status: 503)]
            )
            let app = try await makeApp(server)
            let now = Date()
            try await app.pipeline.runCycle(now: now, force: true)
            let limited = try await onlyFeed(app)
            #expect(limited.consecutiveFailures == 0)
            #expect(abs(try #require(limited.nextPollAt).timeIntervalSince(now) - 600) < 5)
            try await app.pipeline.runCycle(now: now.addingTimeInterval(700))
            #expect(try await onlyFeed(app).consecutiveFailures == 1)
        }
    }

    @Test(arguments: ["0", "Thu, 01 Jan 2015 00:00:00 GMT"])
    func aRetryAfterOfZeroOrAPastDateIsAStrikeThatWaitsAtLeastTheMinimumInterval(retryAfter: String) async throws {
        try await TestFeedServer.withServer { server in
            server.script("/a.xml", [.init(body: Data(), status: 429, headers: ["Retry-After": retryAfter])])
            let app = try await makeApp(server)
            let now = Date()
            try await app.pipeline.runCycle(now: now, force: true)
            let feed = try await onlyFeed(app)
            #expect(feed.consecutiveFailures == 1)
            let next = try #require(feed.nextPollAt)
            #expect(next.timeIntervalSince(now) >= app.configuration.poll.minInterval - 1)
            #expect(try await app.pipeline.runCycle(now: now.addingTimeInterval(1)).polled == 0)
        }
    }

    @Test func failuresBackOffExponentiallyAndA404IsAFailure() async throws {
        try await TestFeedServer.withServer { server in
            let app = try await makeApp(server)
            var now = Date()
            var delays: [TimeInterval] = []
            for _ in 0..<4 {
                try await app.pipeline.runCycle(now: now, force: true)
                let feed = try await onlyFeed(app)
                #expect(feed.lastStatus == 404)
                let next = try #require(feed.nextPollAt)
                delays.append((next.timeIntervalSince(now) / 60).rounded())
                now = next
            }
            #expect(delays == [15, 30, 60, 120])
            #expect(try await onlyFeed(app).consecutiveFailures == 4)
        }
    }

    @Test func aFeedFailingLongerThanFailingAfterAlertsOnceAndAgainWhenItRecovers() async throws {
        try await TestFeedServer.withServer { server in
            let app = try await makeApp(server)
            let start = Date()
            for minutes in [0.0, 30, 90, 150] {
                try await app.pipeline.runCycle(now: start.addingTimeInterval(minutes * 60), force: true)
            }
            let failing = try await app.store.alerts(limit: 10)
            #expect(failing.map(\.kind) == [.feedFailing])
            #expect(failing.first?.topic == Alert.feedsTopic)
            #expect(failing.first?.evidence.first?.link == server.url("/a.xml"))
            #expect(
                try await onlyFeed(app).state == .failing(since: try #require(try await onlyFeed(app).failingSince))
            )

            server.publish("/a.xml", text: Self.feed)
            try await app.pipeline.runCycle(now: start.addingTimeInterval(4 * 3600), force: true)
            let kinds = try await app.store.alerts(limit: 10).map(\.kind)
            #expect(kinds.sorted { $0.rawValue < $1.rawValue } == [.feedFailing, .feedRecovered])
            #expect(try await app.store.deliveryStates(sink: "log").count == 2, "both go through the outbox")
            #expect(try await onlyFeed(app).state == .ok)
        }
    }

    @Test func a410RetiresTheFeedAlertsAndStopsPolling() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/a.xml", .init(body: Data(), status: 410))
            let app = try await makeApp(server)
            try await app.runOnce()
            let feed = try await onlyFeed(app)
            #expect(feed.retiredAt != nil)
            #expect(try await app.store.alerts(limit: 10).map(\.kind) == [.feedRetired])
            let again = try await app.runOnce()
            #expect(again.polled == 0)
            #expect(server.requests(to: "/a.xml").count == 1)
            let restarted = try await makeApp(server)
            #expect(try await restarted.runOnce().polled == 0)
        }
    }

    // MARK: - Redirects

    @Test func a301SeenOnThreeConsecutivePollsRelinksTheFeed() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/new.xml", text: Self.feed)
            server.publish("/a.xml", .init(body: Data(), status: 301, headers: ["Location": server.url("/new.xml")]))
            let app = try await makeApp(server)
            for expected in 1...2 {
                try await app.runOnce()
                let feed = try await onlyFeed(app)
                #expect(feed.url == server.url("/a.xml"))
                #expect(feed.relinkCount == expected)
            }
            try await app.runOnce()
            let relinked = try await onlyFeed(app)
            let feedID = relinked.id
            #expect(relinked.url == server.url("/new.xml"))
            #expect(relinked.configuredURL == server.url("/a.xml"))
            let before = server.requests(to: "/a.xml").count
            try await app.runOnce()
            #expect(server.requests(to: "/a.xml").count == before, "the old URL is no longer asked")
            let restarted = try await makeApp(server)
            try await restarted.runOnce()
            #expect(try await onlyFeed(restarted).id == feedID)
            #expect(try await onlyFeed(restarted).url == server.url("/new.xml"))
            #expect(try await restarted.store.feeds().count == 1)
        }
    }

    @Test func a302NeverRelinksTheFeed() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/new.xml", text: Self.feed)
            server.publish("/a.xml", .init(body: Data(), status: 302, headers: ["Location": server.url("/new.xml")]))
            let app = try await makeApp(server)
            for _ in 0..<5 { try await app.runOnce() }
            let feed = try await onlyFeed(app)
            #expect(feed.url == server.url("/a.xml"))
            #expect(feed.relinkCount == 0)
            #expect(server.requests(to: "/a.xml").count == 5)
        }
    }

    @Test func aPermanentRedirectInterruptedByADirectAnswerStartsCountingAgain() async throws {
        try await TestFeedServer.withServer { server in
            let moved = TestFeedServer.Document(
                body: Data(),
                status: 301,
                headers: ["Location": server.url("/new.xml")]
            )
            server.publish("/new.xml", text: Self.feed)
            server.publish("/a.xml", text: Self.feed)
            server.script("/a.xml", [moved, moved])
            let app = try await makeApp(server)
            try await app.runOnce()
            try await app.runOnce()
            try await app.runOnce()
            #expect(try await onlyFeed(app).relinkCount == 0)
            #expect(try await onlyFeed(app).url == server.url("/a.xml"))
        }
    }

}

extension Date {
    /// The date without its fraction of a second, as HTTP dates carry it.
    fileprivate func rounded() -> Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
