public import Foundation

/// A feed as the store knows it: configuration, validators, schedule and last outcome.
public struct FeedRecord: Sendable, Equatable {
    /// The store's id.
    public var id: Int64
    /// The URL the feed is polled at: the configured one, or where permanent redirects relinked it.
    public var url: String
    /// The URL as configured, which identifies the feed even after a relink.
    public var configuredURL: String
    /// The configured display name.
    public var name: String?
    /// The validators of the last response.
    public var validators: ConditionalRequest
    /// When the feed is next due.
    public var nextPollAt: Date?
    /// When the feed was last polled.
    public var lastPolledAt: Date?
    /// When a poll last succeeded (a body or a 304).
    public var lastSuccessAt: Date?
    /// The last HTTP status seen.
    public var lastStatus: Int?
    /// The last error, as shown to users; `nil` after a success.
    public var lastError: String?
    /// Failed polls since the last success.
    public var consecutiveFailures: Int
    /// When the current run of failures began; `nil` while the feed works.
    public var failingSince: Date?
    /// Whether a `feed_failing` alert was raised for the current run of failures.
    public var failingAlerted: Bool
    /// When a 410 Gone retired the feed; retired feeds are not polled.
    public var retiredAt: Date?
    /// The target of the permanent redirect seen on the last polls, while it is being confirmed.
    public var relinkTarget: String?
    /// On how many consecutive polls ``relinkTarget`` was seen.
    public var relinkCount: Int
    /// When a poll last found a new item.
    public var lastNewItemAt: Date?
    /// The feed's observed time between updates, in seconds, when known.
    public var updateInterval: TimeInterval?
    /// The feed's own RSS `<ttl>`, in seconds, when it declares one.
    public var ttl: TimeInterval?

    /// Creates a feed record.
    public init(
        id: Int64,
        url: String,
        name: String? = nil,
        validators: ConditionalRequest = ConditionalRequest(),
        nextPollAt: Date? = nil,
        lastPolledAt: Date? = nil,
        lastSuccessAt: Date? = nil,
        lastStatus: Int? = nil,
        lastError: String? = nil,
        consecutiveFailures: Int = 0,
        configuredURL: String? = nil,
        failingSince: Date? = nil,
        failingAlerted: Bool = false,
        retiredAt: Date? = nil,
        relinkTarget: String? = nil,
        relinkCount: Int = 0,
        lastNewItemAt: Date? = nil,
        updateInterval: TimeInterval? = nil,
        ttl: TimeInterval? = nil
    ) {
        self.id = id
        self.url = url
        self.configuredURL = configuredURL ?? url
        self.failingSince = failingSince
        self.failingAlerted = failingAlerted
        self.retiredAt = retiredAt
        self.relinkTarget = relinkTarget
        self.relinkCount = relinkCount
        self.lastNewItemAt = lastNewItemAt
        self.updateInterval = updateInterval
        self.ttl = ttl
        self.name = name
        self.validators = validators
        self.nextPollAt = nextPollAt
        self.lastPolledAt = lastPolledAt
        self.lastSuccessAt = lastSuccessAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }

    /// The reference analysis and alerts use to name this feed.
    public var reference: FeedReference { FeedReference(id: id, url: url, name: name) }
}

/// One alert waiting to be delivered to one sink.
public struct PendingDelivery: Sendable, Equatable {
    /// The alert.
    public var alert: Alert
    /// The sink's name.
    public var sink: String
    /// How many attempts were made before.
    public var attempts: Int
    /// When the delivery is due: when its alert was raised, or the time of its next retry.
    public var nextAttemptAt: Date

    /// Creates a pending delivery.
    public init(alert: Alert, sink: String, attempts: Int, nextAttemptAt: Date) {
        self.alert = alert
        self.sink = sink
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
    }
}

/// The state of one alert's delivery to one sink.
public enum DeliveryState: String, Sendable, Equatable, CaseIterable {
    /// Not delivered yet; due at its next attempt time.
    case pending
    /// Delivered.
    case delivered
    /// Given up on.
    case dead
}

/// One alert's delivery to one sink, as the outbox holds it.
public struct DeliveryRecord: Sendable, Equatable {
    /// The sink's name.
    public var sink: String
    /// Where the delivery stands.
    public var state: DeliveryState
    /// Attempts made so far.
    public var attempts: Int
    /// When the next attempt is due (pending deliveries).
    public var nextAttemptAt: Date?
    /// The last failure's words.
    public var lastError: String?
    /// When the alert arrived (delivered ones).
    public var deliveredAt: Date?

    /// Creates a delivery record.
    public init(
        sink: String,
        state: DeliveryState,
        attempts: Int,
        nextAttemptAt: Date? = nil,
        lastError: String? = nil,
        deliveredAt: Date? = nil
    ) {
        self.sink = sink
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}

/// An alert with its deliveries, for `feedwatch alerts list/show`.
public struct AlertRecord: Sendable, Equatable {
    /// The alert.
    public var alert: Alert
    /// Its delivery to each sink, by sink name.
    public var deliveries: [DeliveryRecord]

    /// Creates an alert record.
    public init(alert: Alert, deliveries: [DeliveryRecord]) {
        self.alert = alert
        self.deliveries = deliveries
    }
}
