import Testing

@testable import FeedWatchDaemon

@Suite("Array.rearrange: a permutation applied in place")
struct ArrayRearrangeTests {
    @Test(arguments: [[2, 0, 1], [0, 1, 2], [1, 0, 3, 2], [4, 3, 2, 1, 0], [3, 0, 4, 1, 2, 5]])
    func eachPositionTakesTheElementTheOrderNames(order: [Int]) {
        let original = order.indices.map { "element \($0)" }
        var rearranged = original
        rearranged.rearrange(by: order)
        #expect(rearranged == order.map { original[$0] })
    }

    @Test func anEmptyArrayStaysEmpty() {
        var empty: [String] = []
        empty.rearrange(by: [])
        #expect(empty.isEmpty)
    }
}
