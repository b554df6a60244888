import Foundation
import Synchronization
import Testing

@testable import FeedWatchTransport

@Suite("CurlTransport: libcurl transfers against a loopback server")
struct HTTPClientTests {
    private let client = CurlTransport(maximumConcurrentTransfers: 4)

    @Test func fetchesBodyAndValidatorsVerbatim() async throws {
        try await TestFeedServer.withServer { server in
            server.publish(
                "/feed.xml",
                .init(
                    body: Data("<rss/>".utf8),
                    etag: "W/\"abc-123\"",
                    lastModified: "Sun, 01 Mar 2026 08:00:00 GMT"
                )
            )
            let response = try await client.perform(CurlTransport.Request(url: server.url("/feed.xml")))
            #expect(response.status == 200)
            #expect(response.body == Data("<rss/>".utf8))
            #expect(response.header("ETag") == "W/\"abc-123\"")
            #expect(response.header("last-modified") == "Sun, 01 Mar 2026 08:00:00 GMT")
        }
    }

    @Test func sendsHeadersAndUserAgent() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/feed.xml", text: "<rss/>")
            let options = CurlTransport.Options(userAgent: "feedwatch-test/1.0 (+https://example.org)")
            let request = CurlTransport.Request(
                url: server.url("/feed.xml"),
                headers: [("If-None-Match", "\"odd value, with comma\"")],
                options: options
            )
            _ = try await client.perform(request)
            let seen = try #require(server.requests(to: "/feed.xml").first)
            #expect(seen.headers["User-Agent"] == "feedwatch-test/1.0 (+https://example.org)")
            #expect(seen.headers["If-None-Match"] == "\"odd value, with comma\"")
        }
    }

    @Test func aCallbackHearsOfEveryRequestOnceAndReusedHandlesCarryNothingOver() async throws {
        try await TestFeedServer.withServer { server in
            for number in 0..<12 {
                server.publish("/feed\(number).xml", text: "<rss>\(number)</rss>")
            }
            // Twelve transfers through four at a time: later ones run on the handles of earlier ones, which sent
            // a validator and a User-Agent of their own.
            let requests = (0..<12).map { number in
                CurlTransport.Request(
                    url: server.url(number == 5 ? "/missing.xml" : "/feed\(number).xml"),
                    headers: number < 4 ? [("If-None-Match", "\"tag-\(number)\"")] : [],
                    options: CurlTransport.Options(userAgent: "feedwatch-test/\(number)")
                )
            }
            let heard = Mutex<[Int: Int]>([:])
            await client.perform(requests) { index, result in
                let status = (try? result.get().status) ?? -1
                heard.withLock { $0[index] = $0[index] == nil ? status : -2 }
            }
            let statuses = heard.withLock { $0 }
            #expect(statuses.count == 12)
            #expect(statuses[5] == 404)
            #expect(statuses.filter { $0.key != 5 }.values.allSatisfy { $0 == 200 })
            for number in 4..<12 where number != 5 {
                let seen = try #require(server.requests(to: "/feed\(number).xml").first)
                #expect(seen.headers["If-None-Match"] == nil)
                #expect(seen.headers["User-Agent"] == "feedwatch-test/\(number)")
            }
        }
    }

    @Test func decodesGzipBodies() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/feed.xml", .init(body: try Fixture.data("http/feed.xml.gz"), contentEncoding: "gzip"))
            let response = try await client.perform(CurlTransport.Request(url: server.url("/feed.xml")))
            #expect(String(decoding: response.body, as: UTF8.self).contains("Mediators meet again in Cairo"))
        }
    }

    @Test func bodyLargerThanTheCapIsTooLarge() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/big.xml", .init(body: Data(repeating: 0x20, count: 2 << 20)))
            let request = CurlTransport.Request(url: server.url("/big.xml"), options: .init(maxBodyBytes: 1 << 20))
            let error = await #expect(throws: FetchError.self) { try await client.perform(request) }
            #expect(error?.code == .tooLarge)
            #expect(error?.description.contains("poll.max_body") == true)
        }
    }

    @Test func gzipBombStopsAtTheCapOnDecodedBytes() async throws {
        try await TestFeedServer.withServer { server in
            let bomb = try Fixture.data("http/bomb.gz")
            #expect(bomb.count < 100_000)
            server.publish("/bomb.xml", .init(body: bomb, contentEncoding: "gzip"))
            let request = CurlTransport.Request(url: server.url("/bomb.xml"), options: .init(maxBodyBytes: 1 << 20))
            let error = await #expect(throws: FetchError.self) { try await client.perform(request) }
            #expect(error?.code == .tooLarge)
        }
    }

    @Test func unreachableHostIsReportedAsUnreachable() async throws {
        let request = CurlTransport.Request(url: "http://127.0.0.1:1/feed.xml", options: .init(connectTimeout: 2))
        let error = await #expect(throws: FetchError.self) { try await client.perform(request) }
        #expect(error?.code == .unreachable)
        #expect(error?.description.contains("127.0.0.1:1") == true)
    }

    @Test func slowServerTimesOut() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/slow.xml", .init(body: Data("<rss/>".utf8), delay: .seconds(3)))
            let request = CurlTransport.Request(url: server.url("/slow.xml"), options: .init(timeout: 1))
            let error = await #expect(throws: FetchError.self) { try await client.perform(request) }
            #expect(error?.code == .timeout)
        }
    }

    @Test func readsFileURLs() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("<rss version=\"2.0\"/>", to: "feed.xml")
        let response = try await client.perform(CurlTransport.Request(url: "file://" + file))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "<rss version=\"2.0\"/>")
    }

    @Test func missingFileIsFileNotFound() async throws {
        let request = CurlTransport.Request(url: "file:///nonexistent/feedwatch/feed.xml")
        let error = await #expect(throws: FetchError.self) { try await client.perform(request) }
        #expect(error?.code == .fileNotFound)
    }

    @Test(arguments: ["ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/feed", "dict://127.0.0.1/x"])
    func refusesSchemesOtherThanHTTPAndFile(url: String) async throws {
        let error = await #expect(throws: FetchError.self) {
            try await client.perform(CurlTransport.Request(url: url))
        }
        #expect(error?.code == .refusedScheme)
    }

    @Test func errorStatusIsAResponseNotATransportError() async throws {
        try await TestFeedServer.withServer { server in
            let response = try await client.perform(CurlTransport.Request(url: server.url("/missing.xml")))
            #expect(response.status == 404)
        }
    }

    @Test func resultsComeBackInRequestOrder() async throws {
        try await TestFeedServer.withServer { server in
            for index in 0..<6 {
                server.publish(
                    "/feed-\(index).xml",
                    .init(body: Data("feed \(index)".utf8), delay: .milliseconds(50 * (6 - index)))
                )
            }
            let requests = (0..<6).map { CurlTransport.Request(url: server.url("/feed-\($0).xml")) }
            let results = await client.perform(requests)
            let bodies = try results.map { String(decoding: try $0.get().body, as: UTF8.self) }
            #expect(bodies == (0..<6).map { "feed \($0)" })
        }
    }

    @Test func cancellingTheTaskAbandonsTransfersInFlight() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/stalled.xml", .init(body: Data("<rss/>".utf8), delay: .seconds(4)))
            let request = CurlTransport.Request(url: server.url("/stalled.xml"), options: .init(timeout: 30))
            let task = Task { await client.perform([request]) }
            try await Task.sleep(for: .milliseconds(300))
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            task.cancel()
            let results = await task.value
            #expect(clock.now - cancelledAt < .seconds(2), "cancellation does not wait for the transfer")
            guard case .failure(let error) = results[0] else {
                Issue.record("a cancelled transfer must not succeed")
                return
            }
            #expect(error.code == .cancelled)
        }
    }
}
