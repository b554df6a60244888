import Synchronization

/// How many digested feeds may wait to be stored: parsing waits for the store when it runs this far ahead, so a
/// large cycle's memory stays bounded.
final class DigestBudget: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
        var isOpen = false
    }

    private let state: Mutex<State>

    /// Creates a budget of `limit` feeds.
    init(limit: Int) {
        state = Mutex(State(available: max(1, limit)))
    }

    /// Takes one feed's place, waiting until the store frees one.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state -> Bool in
                if state.isOpen { return true }
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives back `count` places, once that many digested feeds are stored.
    func release(_ count: Int) {
        let resumed = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.available += count
            let granted = min(state.available, state.waiters.count)
            state.available -= granted
            let resumed = Array(state.waiters.prefix(granted))
            state.waiters.removeFirst(granted)
            return resumed
        }
        for waiter in resumed { waiter.resume() }
    }

    /// Lets every waiter and every later caller through, when the cycle ends early.
    func open() {
        let resumed = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in resumed { waiter.resume() }
    }
}
