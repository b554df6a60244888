/// What one poll cycle did, for logs and tests.
public struct CycleReport: Sendable, Equatable {
    /// Feeds polled.
    public var polled = 0
    /// Polls that returned a new body.
    public var fetched = 0
    /// Polls answered 304 Not Modified.
    public var notModified = 0
    /// Polls that failed (transport, HTTP status or parse errors).
    public var failed = 0
    /// New items stored.
    public var newItems = 0
    /// Alerts raised.
    public var alerts = 0
    /// Due feeds left for the next cycle (more were due than `poll.max_feeds_per_cycle`), which may start at once.
    public var deferred = 0

    /// An empty report.
    public init() {}
}
