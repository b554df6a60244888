public import FeedWatchCore
public import Foundation

/// One topic at a glance: its status and since when, a change waiting for confirmation, its recent stories and its
/// last alert (`feedwatch topics list`, the dashboard's cards).
public struct TopicSummary: Sendable, Equatable, Encodable {
    /// The topic's id.
    public var id: String
    /// The topic's display name.
    public var name: String
    /// The current status, `nil` before any item reported one or for a topic without a status preset.
    public var status: String?
    /// When the topic entered ``status`` (event time).
    public var since: Date?
    /// How sure feedwatch was of the last status change, 0…1 (from that change's alert).
    public var confidence: Double?
    /// New statuses reported by too few independent outlets so far.
    public var pending: [PendingChange]
    /// How many stories had an item in the 7 days up to ``asOf``.
    public var storiesLast7Days: Int
    /// The topic's latest alert.
    public var lastAlert: AlertBrief?
    /// The latest event time the topic knows of: the views' "now", so a replayed or quiet topic still shows its
    /// last weeks rather than empty ones.
    public var asOf: Date
    /// Items matched per day over the 30 days up to ``asOf``, oldest first.
    public var coverage: [DayCoverage]

    /// A status waiting for more outlets.
    public struct PendingChange: Sendable, Equatable, Encodable {
        /// The status reported.
        public var status: String
        /// The outlets that reported it so far.
        public var outlets: [String]
    }
}

/// One alert in a list: what it says and when.
public struct AlertBrief: Sendable, Equatable, Encodable {
    /// The alert's id.
    public var id: String
    /// Its kind (`new_story`, `status_change`, …).
    public var kind: String
    /// Its topic.
    public var topic: String
    /// Its event time.
    public var at: Date
    /// Its one-sentence summary.
    public var summary: String
    /// Each sink's delivery state (`sink=state`), when read.
    public var deliveries: [String]

    /// Creates a brief from a stored alert.
    ///
    /// - Parameter record: The alert and its deliveries.
    public init(_ record: AlertRecord) {
        id = record.alert.id
        kind = record.alert.kind.rawValue
        topic = record.alert.topic
        at = record.alert.at
        summary = record.alert.summary
        deliveries = record.deliveries.map { "\($0.sink)=\($0.state.rawValue)" }
    }
}

/// How many items a topic matched on one UTC day, and whether a surge fired that day.
public struct DayCoverage: Sendable, Equatable, Encodable {
    /// The day, `YYYY-MM-DD` (UTC).
    public var day: String
    /// The items matched that day (wire copies included, as surges count them).
    public var items: Int
    /// Whether a surge alert fired that day.
    public var surge: Bool
}
