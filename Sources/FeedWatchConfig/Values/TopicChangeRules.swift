public import Foundation

/// How cautious a topic's change detection is: how many outlets a status change needs, how long reports are
/// gathered, how long a fresh status resists flapping back, and when coverage counts as a surge.
public struct TopicChangeRules: Sendable, Equatable {
    /// How many independent outlets must report a new status before it is taken (wire copies count once).
    public var minSources: Int
    /// How long reports of a new status are gathered: reports older than this before the latest one expire.
    public var confirmWindow: TimeInterval
    /// How long after a status change going back to the status just left needs one more outlet (hysteresis).
    public var hold: TimeInterval
    /// The coverage windows surges are looked for in, each against its own baseline, shortest first: a burst of
    /// reports within an hour, a busy half-day, a news day.
    public var surgeWindows: [TimeInterval]
    /// The fewest items (wire copies included, updates not) in one window that can be a surge.
    public var surgeMinItems: Int
    /// In how many separate stories a new entity must appear before it is a new actor.
    public var actorMinMentions: Int
    /// Whether one strong report is enough for a status change: a headline that reports a specific state as fact,
    /// about the negotiated thing (not hedged, negated or recapped). Other reports still need ``minSources``.
    public var headlineConfirms: Bool

    /// Creates change rules.
    ///
    /// - Parameters:
    ///   - minSources: Independent outlets a status change needs (default 2).
    ///   - confirmWindow: How long reports are gathered (default 24 hours).
    ///   - hold: The hysteresis period after a change (default 12 hours).
    ///   - surgeWindows: The coverage windows (default 1 hour, 6 hours and 24 hours); at least a minute each.
    ///   - surgeMinItems: The fewest items that can be a surge (default 5).
    ///   - actorMinMentions: Stories that make an entity a new actor (default 3).
    ///   - headlineConfirms: Whether a strong headline alone confirms a status change (default `true`).
    public init(
        minSources: Int = 2,
        confirmWindow: TimeInterval = 86_400,
        hold: TimeInterval = 43_200,
        surgeWindows: [TimeInterval] = Self.defaultSurgeWindows,
        surgeMinItems: Int = 5,
        actorMinMentions: Int = 3,
        headlineConfirms: Bool = true
    ) {
        self.minSources = max(1, minSources)
        self.confirmWindow = max(1, confirmWindow)
        self.hold = max(0, hold)
        let windows = Set(surgeWindows.map { max(60, $0) }).sorted()
        self.surgeWindows = windows.isEmpty ? Self.defaultSurgeWindows : windows
        self.surgeMinItems = max(1, surgeMinItems)
        self.actorMinMentions = max(1, actorMinMentions)
        self.headlineConfirms = headlineConfirms
    }

    /// An hour, six hours and a day: news bursts within an hour when a story breaks, and spreads over a day when
    /// outlets follow it in their own time.
    public static let defaultSurgeWindows: [TimeInterval] = [3_600, 21_600, 86_400]
}
