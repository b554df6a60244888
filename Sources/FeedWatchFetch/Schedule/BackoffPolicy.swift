public import Foundation

/// How long a failing feed waits before the next try: the feed's interval doubled per failure, capped, with
/// jitter so feeds that failed together don't retry together. A feed is retried for ever.
///
/// ```swift
/// let policy = BackoffPolicy(cap: 86_400)
/// policy.delay(afterFailures: 3, base: 900, random: .system)   // 2700…3600 s
/// ```
public struct BackoffPolicy: Sendable, Equatable {
    /// The longest delay, in seconds.
    public var cap: TimeInterval
    /// The share of the delay taken off at random: the delay lies in `[(1 - jitter) × d, d]`.
    public var jitter: Double

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - cap: The longest delay in seconds.
    ///   - jitter: The random share, from 0 to 1.
    public init(cap: TimeInterval, jitter: Double = 0.25) {
        self.cap = max(1, cap)
        self.jitter = min(1, max(0, jitter))
    }

    /// The delay before the unjittered retry: `base × 2^(failures - 1)`, at most ``cap``.
    ///
    /// - Parameters:
    ///   - failures: Consecutive failures so far (at least 1).
    ///   - base: The feed's normal interval in seconds.
    /// - Returns: The delay in seconds.
    public func ceiling(afterFailures failures: Int, base: TimeInterval) -> TimeInterval {
        let exponent = Double(min(max(failures, 1) - 1, 40))
        return min(cap, max(1, base) * pow(2, exponent))
    }

    /// The delay before the next try, jittered within `[(1 - jitter) × ceiling, ceiling]`.
    ///
    /// - Parameters:
    ///   - failures: Consecutive failures so far (at least 1).
    ///   - base: The feed's normal interval in seconds.
    ///   - random: The jitter source.
    /// - Returns: The delay in seconds, never above ``cap``.
    public func delay(afterFailures failures: Int, base: TimeInterval, random: RandomSource) -> TimeInterval {
        let ceiling = ceiling(afterFailures: failures, base: base)
        return ceiling * (1 - jitter * random.fraction())
    }
}
