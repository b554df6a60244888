import Foundation
import Synchronization

/// A child process's exit, awaited without blocking a thread: its termination handler resumes whoever waits, and a
/// timer on a dispatch queue ends a wait that lasts too long.
final class ProcessExit: Sendable {
    private struct State {
        var exited = false
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Records the exit and resumes every wait; for the process's `terminationHandler`.
    func signal() {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.exited = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// Whether the process exits within `seconds` (at once when it already has); `nil` waits as long as it takes.
    func exited(within seconds: TimeInterval?) async -> Bool {
        await withCheckedContinuation { continuation in
            let waiter = state.withLock { state -> Int? in
                guard !state.exited else { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let waiter else {
                continuation.resume(returning: true)
                return
            }
            guard let seconds else { return }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                let late = state.withLock { $0.waiters.removeValue(forKey: waiter) }
                late?.resume(returning: false)
            }
        }
    }
}
