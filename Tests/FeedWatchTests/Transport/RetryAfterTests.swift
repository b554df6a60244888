import Foundation
import Testing

@testable import FeedWatchFetch
@testable import FeedWatchTransport

@Suite("RetryAfter and CacheLifetime: reading server hints")
struct RetryAfterTests {
    private let now = Date(timeIntervalSince1970: 1_772_352_000)  // Sun, 01 Mar 2026 08:00:00 GMT

    @Test func delaySecondsCountFromTheResponse() {
        #expect(RetryAfter.date(from: "120", now: now) == now.addingTimeInterval(120))
        #expect(RetryAfter.date(from: " 0 ", now: now) == now)
    }

    @Test func httpDateIsAnAbsoluteTime() {
        #expect(RetryAfter.date(from: "Sun, 01 Mar 2026 10:00:00 GMT", now: now) == now.addingTimeInterval(7200))
    }

    @Test func aDateInThePastMeansNow() {
        #expect(RetryAfter.date(from: "Sat, 28 Feb 2026 10:00:00 GMT", now: now) == now)
    }

    @Test(arguments: ["", "soon", "-5", "1.5"])
    func anythingElseIsIgnored(value: String) {
        #expect(RetryAfter.date(from: value, now: now) == nil)
    }

    @Test func maxAgeGivesTheLifetime() {
        #expect(CacheLifetime.seconds(cacheControl: "public, max-age=3600", expires: nil, date: nil, now: now) == 3600)
        #expect(CacheLifetime.seconds(cacheControl: "no-cache, max-age=0", expires: nil, date: nil, now: now) == nil)
    }

    @Test func expiresCountsFromTheResponsesDate() {
        let lifetime = CacheLifetime.seconds(
            cacheControl: nil,
            expires: "Sun, 01 Mar 2026 09:00:00 GMT",
            date: "Sun, 01 Mar 2026 08:30:00 GMT",
            now: now.addingTimeInterval(99_999)
        )
        #expect(lifetime == 1800)
    }

    @Test func maxAgeWinsOverExpires() {
        let lifetime = CacheLifetime.seconds(
            cacheControl: "max-age=60",
            expires: "Sun, 01 Mar 2026 09:00:00 GMT",
            date: nil,
            now: now
        )
        #expect(lifetime == 60)
    }
}
