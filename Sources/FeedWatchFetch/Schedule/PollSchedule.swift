public import FeedWatchConfig
public import Foundation

/// When a feed that answered normally is polled next: its interval adapted to how often it publishes, within the
/// configured bounds, never sooner than the server's cache lifetime or the feed's `<ttl>`, plus jitter.
///
/// ```swift
/// let schedule = PollSchedule(poll: configuration.poll)
/// let interval = schedule.interval(pinned: nil, observed: 3600, serverHint: 600)   // 3600
/// let next = schedule.nextPoll(after: now, interval: interval, random: .system)
/// ```
public struct PollSchedule: Sendable, Equatable {
    /// The interval used until a feed's update rate is known, in seconds.
    public var defaultInterval: TimeInterval
    /// The shortest adaptive interval, in seconds.
    public var minInterval: TimeInterval
    /// The longest adaptive interval (and the longest server hint honoured), in seconds.
    public var maxInterval: TimeInterval
    /// The share of the interval added at random: the next poll lies in `[interval, (1 + jitter) × interval]`.
    public var jitter: Double

    /// Creates a schedule from the poll configuration.
    ///
    /// - Parameters:
    ///   - poll: The configured intervals.
    ///   - jitter: The random share added to each interval.
    public init(poll: PollConfiguration, jitter: Double = 0.1) {
        self.defaultInterval = poll.interval
        self.minInterval = min(poll.minInterval, poll.maxInterval)
        self.maxInterval = poll.maxInterval
        self.jitter = max(0, jitter)
    }

    /// A feed's interval.
    ///
    /// - Parameters:
    ///   - pinned: The feed's own configured interval, which overrides adaptation (but not the server hint).
    ///   - observed: The feed's observed time between updates, if known.
    ///   - serverHint: The longest of the cache lifetime and `<ttl>`, if any.
    /// - Returns: The interval in seconds.
    public func interval(pinned: TimeInterval?, observed: TimeInterval?, serverHint: TimeInterval?) -> TimeInterval {
        let base = pinned ?? min(maxInterval, max(minInterval, observed ?? defaultInterval))
        guard let serverHint else { return base }
        return max(base, min(serverHint, maxInterval))
    }

    /// The next poll time: `interval` after `time`, plus up to ``jitter`` of it, so it is never early.
    ///
    /// - Parameters:
    ///   - time: When the poll finished.
    ///   - interval: The feed's interval.
    ///   - random: The jitter source.
    /// - Returns: The next poll time.
    public func nextPoll(after time: Date, interval: TimeInterval, random: RandomSource) -> Date {
        time.addingTimeInterval(interval * (1 + jitter * random.fraction()))
    }

    /// A feed's update interval estimated from the dates of its items: the median gap between the newest
    /// distinct dates (up to 20).
    ///
    /// - Parameter dates: The items' published (or updated) dates.
    /// - Returns: The estimate in seconds, or `nil` with fewer than three distinct dates.
    public static func observedInterval(from dates: [Date]) -> TimeInterval? {
        let newest = Array(Set(dates).sorted(by: >).prefix(20))
        guard newest.count >= 3 else { return nil }
        let gaps = zip(newest, newest.dropFirst()).map { $0.timeIntervalSince($1) }.sorted()
        return gaps[gaps.count / 2]
    }
}
