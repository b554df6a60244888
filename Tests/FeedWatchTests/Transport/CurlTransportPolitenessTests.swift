import Foundation
import Testing

@testable import FeedWatchTransport

@Suite("CurlTransport: per-host limits, gaps and redirect chains")
struct HTTPClientPolitenessTests {
    @Test func perHostLimitIsNeverExceeded() async throws {
        try await TestFeedServer.withServer { server in
            let paths = (0..<8).map { "/slow-\($0).xml" }
            for path in paths {
                server.publish(path, .init(body: Data("<rss/>".utf8), delay: .milliseconds(150)))
            }
            let client = CurlTransport(maximumConcurrentTransfers: 8, maximumConnectionsPerHost: 2)
            let results = await client.perform(paths.map { CurlTransport.Request(url: server.url($0)) })
            #expect(results.allSatisfy { (try? $0.get().status) == 200 })
            #expect(server.maxConcurrentRequests == 2, "two at once, never more")
        }
    }

    // Under a parallel test load the server sees requests late and bunched, so the gap is checked on the client's
    // clock: three starts 300 ms apart cannot all happen in less than 600 ms.
    @Test func requestsToOneHostStartNoCloserThanTheGap() async throws {
        try await TestFeedServer.withServer { server in
            for index in 0..<3 { server.publish("/gap-\(index).xml", text: "<rss/>") }
            let client = CurlTransport(maximumConcurrentTransfers: 8, maximumConnectionsPerHost: 2, hostGap: 0.3)
            let started = ContinuousClock.now
            let results = await client.perform((0..<3).map { CurlTransport.Request(url: server.url("/gap-\($0).xml")) })
            #expect(ContinuousClock.now - started >= .milliseconds(600))
            #expect(results.allSatisfy { (try? $0.get().status) == 200 })
            #expect(server.requests.count == 3)
        }
    }

    @Test func theGapHoldsAcrossBatches() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/feed.xml", text: "<rss/>")
            let client = CurlTransport(maximumConcurrentTransfers: 8, hostGap: 0.4)
            let started = ContinuousClock.now
            _ = await client.perform([CurlTransport.Request(url: server.url("/feed.xml"))])
            _ = await client.perform([CurlTransport.Request(url: server.url("/feed.xml"))])
            #expect(ContinuousClock.now - started >= .milliseconds(400))
            #expect(server.requests.count == 2)
        }
    }

    @Test func otherHostsAreNotHeldBackByOnesGap() async throws {
        let directory = try TemporaryDirectory()
        let files = try (0..<3).map { try directory.write("<rss/>", to: "feed-\($0).xml") }
        let client = CurlTransport(maximumConcurrentTransfers: 8, hostGap: 5)
        let started = ContinuousClock.now
        let results = await client.perform(files.map { CurlTransport.Request(url: "file://" + $0) })
        // Held back by the 5 s gap, the three transfers would take at least 10 s; under 5 s proves no gap applied
        // while leaving a loaded machine plenty of time.
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(results.allSatisfy { (try? $0.get().status) == 200 })
    }

    @Test(arguments: [301, 302, 307, 308])
    func redirectChainStatusesAreReported(status: Int) async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/new.xml", text: "<rss/>")
            let moved = TestFeedServer.Document(
                body: Data(),
                status: status,
                headers: ["Location": server.url("/new.xml")]
            )
            server.publish("/old.xml", moved)
            let response = try await CurlTransport().perform(CurlTransport.Request(url: server.url("/old.xml")))
            #expect(response.status == 200)
            #expect(response.redirectStatuses == [status])
            #expect(response.effectiveURL == server.url("/new.xml"))
        }
    }
}
