public import Foundation

/// How long the store keeps what it learnt (`retention:`): old items and alerts are pruned in the background, and
/// each feed keeps at most so many items, against a feed that invents new ids on every poll.
///
/// Ages are read on event time, the analysis' clock: an item's time is its date capped at one day after it was
/// first seen (as the analysis caps it), and "now" is the newest item's such time, so an installation that stops
/// receiving items, or that replays old ones, keeps them.
public struct RetentionConfiguration: Sendable, Equatable {
    /// How long items are kept after their event time; `nil` keeps them for ever.
    public var items: TimeInterval?
    /// How long alerts are kept after their event time; `nil` keeps them for ever. An alert still pending delivery
    /// is never pruned.
    public var alerts: TimeInterval?
    /// How many items each feed keeps at most (its newest by event time); `nil` for no cap.
    public var maxItemsPerFeed: Int?

    /// The default item retention: 180 days.
    public static let defaultItems: TimeInterval = 180 * 86_400
    /// The default alert retention: 365 days.
    public static let defaultAlerts: TimeInterval = 365 * 86_400
    /// The default cap on a feed's items.
    public static let defaultMaxItemsPerFeed = 5000
    /// The shortest retention accepted: the views show the last week and the analysis' windows are shorter.
    public static let minimumAge: TimeInterval = 7 * 86_400
    /// The smallest cap accepted: above the number of items a feed document holds, or pruned items would come back.
    public static let minimumItemsPerFeed = 100

    /// Creates a retention configuration (the defaults unless given).
    public init(
        items: TimeInterval? = RetentionConfiguration.defaultItems,
        alerts: TimeInterval? = RetentionConfiguration.defaultAlerts,
        maxItemsPerFeed: Int? = RetentionConfiguration.defaultMaxItemsPerFeed
    ) {
        self.items = items
        self.alerts = alerts
        self.maxItemsPerFeed = maxItemsPerFeed
    }

    /// Keeps everything.
    public static let off = RetentionConfiguration(items: nil, alerts: nil, maxItemsPerFeed: nil)

    /// Whether anything is ever pruned.
    public var prunes: Bool { items != nil || alerts != nil || maxItemsPerFeed != nil }
}
