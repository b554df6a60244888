public import Foundation

/// A change in a tracked topic that feedwatch tells its user about.
///
/// Alerts are created by analysis, written to the store's outbox in the same transaction as the item that raised
/// them, and delivered from there to every sink. Their ``id`` is derived from what they say, never from wall time,
/// so replaying the same items raises alerts with the same ids, and receivers use it to drop redeliveries.
public struct Alert: Sendable, Equatable, Codable {
    /// What kind of change an alert reports.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The first item of a story the topic had not seen before.
        case newStory = "new_story"
        /// The topic's status moved from one state to another.
        case statusChange = "status_change"
        /// A feed has kept failing for longer than `poll.failing_after` (topic ``Alert/feedsTopic``).
        case feedFailing = "feed_failing"
        /// A feed that raised ``feedFailing`` works again (topic ``Alert/feedsTopic``).
        case feedRecovered = "feed_recovered"
        /// A feed answered 410 Gone and is no longer polled (topic ``Alert/feedsTopic``).
        case feedRetired = "feed_retired"
        /// The topic's coverage rate rose far above its own baseline.
        case surge
        /// The tone of the topic's coverage moved far from its own baseline.
        case toneShift = "tone_shift"
        /// An entity newly and repeatedly co-occurs with the topic.
        case newActor = "new_actor"
        /// Several alerts of one topic sent as one message (a topic's `digest` or `cooldown`); they are in
        /// ``Alert/alerts``. A digest is made at delivery time and never stored as an alert of its own.
        case digest
    }

    /// The topic of feed-health alerts (``Kind/feedFailing``, ``Kind/feedRecovered``, ``Kind/feedRetired``); their
    /// evidence names the feed and links its URL.
    public static let feedsTopic = "feeds"

    /// The `from → to` pair of a status change; `from` is `nil` when the topic had no status yet.
    public struct StatusChange: Sendable, Equatable, Codable {
        /// The status before the change.
        public var from: String?
        /// The status after the change.
        public var to: String

        /// Creates a status change.
        public init(from: String?, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// One item that supports an alert.
    public struct Evidence: Sendable, Equatable, Codable {
        /// The item's headline.
        public var title: String?
        /// The item's link: an `http` or `https` URL, never another scheme (`javascript:`, `data:`, `file:`), which
        /// a chat client or browser could act on.
        public var link: String? {
            get { _link }
            set { _link = newValue.flatMap(Self.webLink) }
        }
        private var _link: String?
        /// The name (or URL) of the feed the item came from.
        public var feed: String
        /// The item's published time, if it had one.
        public var published: Date?

        private enum CodingKeys: String, CodingKey {
            case title, _link = "link", feed, published
        }

        /// Creates a piece of evidence; a link with a scheme other than `http` or `https` is dropped.
        public init(title: String?, link: String?, feed: String, published: Date?) {
            self.title = title
            self._link = link.flatMap(Self.webLink)
            self.feed = feed
            self.published = published
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            _link = try container.decodeIfPresent(String.self, forKey: ._link).flatMap(Self.webLink)
            feed = try container.decode(String.self, forKey: .feed)
            published = try container.decodeIfPresent(Date.self, forKey: .published)
        }

        /// The link when its scheme is `http` or `https`, else `nil`.
        static func webLink(_ link: String) -> String? {
            let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let colon = trimmed.firstIndex(of: ":") else {
                return nil
            }
            let scheme = trimmed[..<colon].lowercased()
            return scheme == "http" || scheme == "https" ? trimmed : nil
        }
    }

    /// The stable identifier, also used as the idempotency key of every delivery.
    public var id: String
    /// The id of the topic that changed.
    public var topic: String
    /// What kind of change this is.
    public var kind: Kind
    /// The event time of the change: the published time of the item that raised it, else its first-seen time.
    public var at: Date
    /// The wall-clock time at which the alert was raised.
    public var createdAt: Date
    /// One human sentence saying what changed.
    public var summary: String
    /// The status transition, for ``Kind/statusChange`` alerts.
    public var status: StatusChange?
    /// The items behind the alert.
    public var evidence: [Evidence]
    /// Why the alert fired: cue sentence, sources, confidence and the measured figures; `nil` in older alerts.
    public var explanation: Explanation?
    /// The alerts a ``Kind/digest`` carries, in event-time order; `nil` for every other kind.
    public var alerts: [Alert]?

    /// Creates an alert.
    public init(
        id: String,
        topic: String,
        kind: Kind,
        at: Date,
        createdAt: Date,
        summary: String,
        status: StatusChange? = nil,
        evidence: [Evidence],
        explanation: Explanation? = nil,
        alerts: [Alert]? = nil
    ) {
        self.id = id
        self.topic = topic
        self.kind = kind
        self.at = at
        self.createdAt = createdAt
        self.summary = summary
        self.status = status
        self.evidence = evidence
        self.explanation = explanation
        self.alerts = alerts
    }

    private enum CodingKeys: String, CodingKey {
        case id, topic, kind, at
        case createdAt = "created_at"
        case summary, status, evidence, explanation, alerts
    }
}
