import Testing

@testable import FeedWatchAlerts

@Suite("OutboxSignal: waking the delivery loop")
struct OutboxSignalTests {
    @Test func aNotifyWakesAWaiterLongBeforeItsTimeout() async {
        let signal = OutboxSignal()
        let clock = ContinuousClock()
        let started = clock.now
        async let waited: Void = signal.wait(upTo: .seconds(30))
        try? await Task.sleep(for: .milliseconds(50))
        signal.notify()
        await waited
        #expect(clock.now - started < .seconds(5))
    }

    @Test func aNotifyBeforeTheWaitIsNotLost() async {
        let signal = OutboxSignal()
        signal.notify()
        let clock = ContinuousClock()
        let started = clock.now
        await signal.wait(upTo: .seconds(30))
        #expect(clock.now - started < .seconds(5))
    }

    @Test func withoutANotifyTheWaitEndsAtItsTimeout() async {
        let signal = OutboxSignal()
        let clock = ContinuousClock()
        let started = clock.now
        await signal.wait(upTo: .milliseconds(100))
        #expect(clock.now - started >= .milliseconds(100))
    }

    @Test func cancellingTheWaitingTaskEndsTheWait() async {
        let signal = OutboxSignal()
        let task = Task { await signal.wait(upTo: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(50))
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        task.cancel()
        await task.value
        #expect(clock.now - cancelledAt < .seconds(5))
    }
}
