import Synchronization

/// Wakes the delivery loop as soon as alerts are committed to the outbox, so an alert leaves within milliseconds
/// instead of at the loop's next periodic check.
public final class OutboxSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Creates a signal with nothing pending.
    public init() {}

    /// Says that new deliveries may be due; wakes a waiting ``wait(upTo:)`` or makes the next one return at once.
    public func notify() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns when ``notify()`` is called (or was since the last wait), when `duration` has passed, or when the
    /// task is cancelled, whichever comes first.
    ///
    /// - Parameter duration: The longest wait.
    public func wait(upTo duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                if (try? await Task.sleep(for: duration)) != nil {
                    self.resumeWaiter()
                }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.pending || Task.isCancelled {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                self.resumeWaiter()
            }
            group.cancelAll()
        }
    }

    private func resumeWaiter() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
