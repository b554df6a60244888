import Synchronization
import Testing

@testable import FeedWatchDaemon

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

@Suite("FeedPipeline chunks: what is stored together")
struct FeedPipelineChunkTests {
    /// The chunk sizes a cycle of `cycle` feeds is stored in, following the pipeline's rule feed by feed.
    private func chunks(of cycle: Int) -> [Int] {
        var sizes: [Int] = []
        var chunk = 0
        for received in 1...cycle {
            chunk += 1
            if chunk >= FeedPipeline.chunkSize(cycle: cycle, remaining: cycle - received) {
                sizes.append(chunk)
                chunk = 0
            }
        }
        return chunk > 0 ? sizes + [chunk] : sizes
    }

    @Test func aCycleThatFitsInOneChunkIsStoredWhole() {
        #expect(chunks(of: 150) == [150])
        #expect(chunks(of: FeedPipeline.digestChunkSize) == [FeedPipeline.digestChunkSize])
    }

    @Test func aLargeCycleIsStoredInWholeChunksThatShrinkTowardsItsEnd() {
        let sizes = chunks(of: 10_000)
        #expect(sizes.reduce(0, +) == 10_000)
        #expect(Array(sizes.prefix(3)) == Array(repeating: FeedPipeline.digestChunkSize, count: 3))
        #expect(sizes.allSatisfy { $0 <= FeedPipeline.digestChunkSize })
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 >= $1 }, "sizes never grow: \(sizes)")
        #expect(sizes.last.map { $0 <= 100 } == true, "the last chunk is small: \(sizes)")
    }
}
