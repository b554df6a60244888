public import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, capped, for a bounded number of attempts.
public struct RetryPolicy: Sendable, Equatable {
    /// The delay after the first failure, in seconds.
    public var initialDelay: TimeInterval
    /// The longest delay between two attempts, in seconds.
    public var maximumDelay: TimeInterval
    /// How many attempts are made before a delivery is dead.
    public var maximumAttempts: Int
    /// The fraction of each delay drawn at random (0 … 1), so retries of many alerts do not fire together.
    public var jitter: Double

    /// Creates a retry policy; the defaults retry for about a day.
    public init(
        initialDelay: TimeInterval = 10,
        maximumDelay: TimeInterval = 3600,
        maximumAttempts: Int = 30,
        jitter: Double = 0.2
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
        self.jitter = jitter
    }

    /// The time of the next attempt after `attempts` failed ones, or `nil` when the delivery should be dead.
    ///
    /// - Parameters:
    ///   - attempts: Failed attempts so far, including the one that just failed.
    ///   - now: The current time.
    ///   - requested: A delay the receiver asked for (`Retry-After`), which is honoured if longer.
    /// - Returns: When to try again, or `nil` to give up.
    public func nextAttempt(after attempts: Int, now: Date, requested: TimeInterval? = nil) -> Date? {
        guard attempts < maximumAttempts else { return nil }
        let exponent = Double(min(max(attempts - 1, 0), 30))
        let base = min(maximumDelay, initialDelay * pow(2, exponent))
        let spread = base * jitter
        let delay = base - spread + Double.random(in: 0...max(spread * 2, 0))
        return now.addingTimeInterval(max(delay, requested ?? 0))
    }
}
