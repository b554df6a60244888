public import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, capped, for a bounded number of attempts
/// and, optionally, a bounded age.
public struct RetryPolicy: Sendable, Equatable {
    /// The delay after the first failure, in seconds.
    public var initialDelay: TimeInterval
    /// The longest delay between two attempts, in seconds.
    public var maximumDelay: TimeInterval
    /// How many attempts are made before a delivery is dead.
    public var maximumAttempts: Int
    /// The fraction of each delay drawn at random (0 … 1), so retries of many alerts do not fire together.
    public var jitter: Double
    /// How long after an alert was raised its delivery is still tried, in seconds; `nil` for no limit.
    public var maximumAge: TimeInterval?

    /// Creates a retry policy; the defaults retry for about a day.
    public init(
        initialDelay: TimeInterval = 10,
        maximumDelay: TimeInterval = 3600,
        maximumAttempts: Int = 30,
        jitter: Double = 0.2,
        maximumAge: TimeInterval? = nil
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
        self.jitter = jitter
        self.maximumAge = maximumAge
    }

    /// The time of the next attempt after `attempts` failed ones, or `nil` when the delivery should be dead.
    ///
    /// - Parameters:
    ///   - attempts: Failed attempts so far, including the one that just failed.
    ///   - now: The current time.
    ///   - requested: A delay the receiver asked for (`Retry-After`), which is honoured if longer, up to
    ///     ``maximumDelay``.
    ///   - raisedAt: When the alert was raised; with ``maximumAge``, no attempt is planned after its age limit.
    /// - Returns: When to try again, or `nil` to give up.
    public func nextAttempt(
        after attempts: Int,
        now: Date,
        requested: TimeInterval? = nil,
        raisedAt: Date? = nil
    ) -> Date? {
        guard attempts < maximumAttempts else { return nil }
        let next = delay(after: attempts, now: now, requested: requested)
        if let maximumAge, let raisedAt, next > raisedAt.addingTimeInterval(maximumAge) { return nil }
        return next
    }

    /// Why ``nextAttempt(after:now:requested:raisedAt:)`` gave up, for logs and `alerts show`.
    ///
    /// - Parameter attempts: Failed attempts so far.
    /// - Returns: A short reason.
    public func givingUpReason(after attempts: Int) -> String {
        if attempts >= maximumAttempts { return "gave up after \(attempts) attempts (max_attempts)" }
        return "gave up: the alert is older than max_age"
    }

    private func delay(after attempts: Int, now: Date, requested: TimeInterval?) -> Date {
        let exponent = Double(min(max(attempts - 1, 0), 30))
        let base = min(maximumDelay, initialDelay * pow(2, exponent))
        let spread = base * jitter
        let delay = base - spread + Double.random(in: 0...max(spread * 2, 0))
        // A receiver may ask for a longer pause than the backoff's, but not for more than the sink's longest delay.
        return now.addingTimeInterval(max(delay, min(requested ?? 0, maximumDelay)))
    }
}
