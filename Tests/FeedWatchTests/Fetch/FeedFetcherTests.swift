import Foundation
import Logging
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchFetch
@testable import FeedWatchTransport

@Suite("FeedFetcher: conditional polling")
struct FeedFetcherTests {
    private func makeFetcher(maxBody: Int = 1 << 20) -> FeedFetcher {
        FeedFetcher(
            client: CurlTransport(),
            poll: PollConfiguration(timeout: 5, maxBody: maxBody, userAgent: "feedwatch-test/1.0"),
            logger: Logger(label: "test")
        )
    }

    @Test func secondPollEchoesValidatorsByteForByteAndGets304() async throws {
        try await TestFeedServer.withServer { server in
            let etag = "W/\"5f-ceasefire, v=2\""
            server.publish(
                "/feed.xml",
                .init(body: Data("<rss/>".utf8), etag: etag, lastModified: "Mon, 02 Mar 2026 10:30:00 GMT")
            )
            let fetcher = makeFetcher()
            let first = await fetcher.fetch([.init(feedID: 1, url: server.url("/feed.xml"))])[0]
            #expect(first.validators == ConditionalRequest(etag: etag, lastModified: "Mon, 02 Mar 2026 10:30:00 GMT"))
            let second = await fetcher.fetch([
                .init(feedID: 1, url: server.url("/feed.xml"), validators: first.validators)
            ])[0]
            #expect(second.outcome == .notModified)
            #expect(second.status == 304)
            let seen = try #require(server.requests(to: "/feed.xml").last)
            #expect(seen.headers["If-None-Match"] == etag)
            #expect(seen.headers["If-Modified-Since"] == "Mon, 02 Mar 2026 10:30:00 GMT")
            #expect(seen.status == 304)
        }
    }

    @Test func asksForFeedMediaTypes() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/feed.xml", text: "<rss/>")
            _ = await makeFetcher().fetch([.init(feedID: 1, url: server.url("/feed.xml"))])
            let seen = try #require(server.requests(to: "/feed.xml").first)
            #expect(seen.headers["Accept"]?.hasPrefix("application/atom+xml, application/rss+xml") == true)
            #expect(seen.headers["User-Agent"] == "feedwatch-test/1.0")
        }
    }

    @Test func errorStatusIsAFailedPollThatKeepsTheValidators() async throws {
        try await TestFeedServer.withServer { server in
            let previous = ConditionalRequest(etag: "\"old\"", lastModified: nil)
            let result = await makeFetcher().fetch([
                .init(feedID: 7, url: server.url("/gone.xml"), validators: previous)
            ])[0]
            guard case .failed(let error) = result.outcome else {
                Issue.record("a 404 must be a failed poll")
                return
            }
            #expect(error.code == .httpStatus)
            #expect(error.status == 404)
            #expect(result.validators == previous)
        }
    }
}
