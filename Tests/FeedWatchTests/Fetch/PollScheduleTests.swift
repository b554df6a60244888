import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchFetch

@Suite("PollSchedule: adaptive interval within bounds, server hints, jitter")
struct PollScheduleTests {
    private let schedule = PollSchedule(poll: PollConfiguration(interval: 900, minInterval: 300, maxInterval: 86_400))

    @Test func unknownUpdateRateUsesTheConfiguredInterval() {
        #expect(schedule.interval(pinned: nil, observed: nil, serverHint: nil) == 900)
    }

    @Test func observedUpdateRateIsClampedToMinAndMax() {
        #expect(schedule.interval(pinned: nil, observed: 60, serverHint: nil) == 300)
        #expect(schedule.interval(pinned: nil, observed: 7200, serverHint: nil) == 7200)
        #expect(schedule.interval(pinned: nil, observed: 30 * 86_400, serverHint: nil) == 86_400)
    }

    @Test func serverHintIsAFloorButNeverBeyondTheMaximum() {
        #expect(schedule.interval(pinned: nil, observed: 600, serverHint: 3600) == 3600)
        #expect(schedule.interval(pinned: nil, observed: 7200, serverHint: 3600) == 7200)
        #expect(schedule.interval(pinned: nil, observed: 600, serverHint: 10 * 86_400) == 86_400)
        #expect(schedule.interval(pinned: 60, observed: nil, serverHint: 600) == 600)
    }

    @Test func aFeedsOwnIntervalOverridesAdaptation() {
        #expect(schedule.interval(pinned: 120, observed: 7200, serverHint: nil) == 120)
    }

    @Test(arguments: [0.0, 0.5, 1.0])
    func jitterOnlyEverDelaysThePoll(fraction: Double) {
        let now = Date(timeIntervalSince1970: 1_772_352_000)
        let next = schedule.nextPoll(after: now, interval: 900, random: .constant(fraction))
        #expect(next.timeIntervalSince(now) >= 900)
        #expect(next.timeIntervalSince(now) <= 990)
    }

    @Test func updateRateIsTheMedianGapBetweenTheNewestItemDates() {
        let base = Date(timeIntervalSince1970: 1_772_352_000)
        let hours = [0.0, 1, 2, 3, 10].map { base.addingTimeInterval(-$0 * 3600) }
        #expect(PollSchedule.observedInterval(from: hours) == 3600)
        #expect(PollSchedule.observedInterval(from: [base, base]) == nil)
    }
}
