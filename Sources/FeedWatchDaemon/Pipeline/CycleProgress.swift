import Synchronization

/// How many steps the running poll cycles made (a feed answered, a batch stored): the poll loop feeds systemd's
/// watchdog while this moves, so a long cycle that makes progress is not taken for a hung one.
public final class CycleProgress: Sendable {
    private let steps = Mutex<UInt64>(0)

    /// Creates a count at zero.
    public init() {}

    /// Notes one step.
    func advance() {
        steps.withLock { $0 &+= 1 }
    }

    /// The steps made so far.
    public var value: UInt64 { steps.withLock { $0 } }
}
