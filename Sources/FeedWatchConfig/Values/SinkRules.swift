public import FeedWatchCore
public import Foundation

/// What every sink may set besides its type's own keys: which alerts it receives (`topics`, `kinds`) and how long
/// a failing delivery is retried before it is dead (`max_attempts`, `max_age`).
public struct SinkRules: Sendable, Equatable {
    /// The topics whose alerts the sink receives (`feeds` for feed-health alerts); `nil` for every topic.
    public var topics: [String]?
    /// The alert kinds the sink receives; `nil` for every kind.
    public var kinds: [Alert.Kind]?
    /// How many attempts are made before a delivery is dead.
    public var maxAttempts: Int
    /// How long after an alert was raised its delivery is still retried, in seconds; `nil` for no limit.
    public var maxAge: TimeInterval?

    /// The default number of attempts, which with the default backoff (10 s doubling to 1 h) spans about a day.
    public static let defaultMaxAttempts = 30
    /// The default age limit: three days.
    public static let defaultMaxAge: TimeInterval = 3 * 86_400

    /// Creates sink rules; the defaults send every alert and retry for 30 attempts or three days.
    public init(
        topics: [String]? = nil,
        kinds: [Alert.Kind]? = nil,
        maxAttempts: Int = defaultMaxAttempts,
        maxAge: TimeInterval? = defaultMaxAge
    ) {
        self.topics = topics
        self.kinds = kinds
        self.maxAttempts = maxAttempts
        self.maxAge = maxAge
    }
}
