import Synchronization

/// Values a `@Sendable` callback records, for the test to read once the call that ran it has returned.
final class Recorded<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    /// Records one value.
    func append(_ value: Value) {
        values.withLock { $0.append(value) }
    }

    /// Every value recorded so far, in order.
    var all: [Value] {
        values.withLock { $0 }
    }
}
