public import Foundation

/// A feed as the store knows it: configuration, validators, schedule and last outcome.
public struct FeedRecord: Sendable, Equatable {
    /// The store's id.
    public var id: Int64
    /// The feed's URL.
    public var url: String
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
        consecutiveFailures: Int = 0
    ) {
        self.id = id
        self.url = url
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

    /// Creates a pending delivery.
    public init(alert: Alert, sink: String, attempts: Int) {
        self.alert = alert
        self.sink = sink
        self.attempts = attempts
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
