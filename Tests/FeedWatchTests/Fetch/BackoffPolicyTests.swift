import Foundation
import Testing

@testable import FeedWatchFetch

@Suite("BackoffPolicy: exponential, capped, jittered")
struct BackoffPolicyTests {
    private let policy = BackoffPolicy(cap: 86_400, jitter: 0.25)

    @Test func delayDoublesWithEachFailureFromTheFeedsInterval() {
        let delays = (1...5).map { policy.delay(afterFailures: $0, base: 900, random: .constant(0)) }
        #expect(delays == [900, 1800, 3600, 7200, 14_400])
    }

    @Test func delayNeverExceedsTheCapEvenAfterManyFailures() {
        for failures in [8, 20, 64, 10_000] {
            #expect(policy.delay(afterFailures: failures, base: 900, random: .constant(0)) == 86_400)
            #expect(policy.delay(afterFailures: failures, base: 900, random: .constant(1)) <= 86_400)
        }
    }

    @Test(arguments: [0.0, 0.3, 0.7, 1.0])
    func jitterStaysWithinAQuarterBelowTheCeiling(fraction: Double) {
        for failures in 1...12 {
            let ceiling = policy.ceiling(afterFailures: failures, base: 900)
            let delay = policy.delay(afterFailures: failures, base: 900, random: .constant(fraction))
            #expect(delay <= ceiling)
            #expect(delay >= ceiling * 0.75)
            #expect(abs(delay - ceiling * (1 - 0.25 * fraction)) < 1e-9)
        }
    }

    @Test func systemJitterSpreadsFeedsThatFailedTogether() {
        let delays = Set((0..<50).map { _ in policy.delay(afterFailures: 3, base: 900, random: .system) })
        #expect(delays.count > 1)
        #expect(delays.allSatisfy { (2700...3600).contains($0) })
    }
}
