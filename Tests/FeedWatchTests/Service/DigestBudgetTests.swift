import Synchronization
import Testing

@testable import FeedWatch

@Suite("DigestBudget: parsing waits for the store")
struct DigestBudgetTests {
    @Test func anAcquireBeyondTheLimitWaitsUntilAPlaceIsReleased() async {
        let budget = DigestBudget(limit: 1)
        await budget.acquire()
        let passed = Flag()
        let waiter = Task {
            await budget.acquire()
            passed.set()
        }
        try? await Task.sleep(for: .milliseconds(100))
        #expect(!passed.isSet, "the only place is taken")
        budget.release(1)
        await waiter.value
        #expect(passed.isSet)
    }

    @Test func openingTheBudgetLetsEveryWaiterThrough() async {
        let budget = DigestBudget(limit: 1)
        await budget.acquire()
        let waiters = (0..<3).map { _ in Task { await budget.acquire() } }
        budget.open()
        for waiter in waiters { await waiter.value }
        await budget.acquire()
    }
}

/// A flag one task sets and another reads.
private final class Flag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() { value.withLock { $0 = true } }
}
