public import FeedWatchCore
public import FeedWatchTransport
public import Foundation

/// What polling one feed produced: a new body, "not modified", or a failure, with the validators to keep.
public struct FetchResult: Sendable, Equatable {
    /// The outcome of one poll.
    public enum Outcome: Sendable, Equatable {
        /// The server sent a body (status 2xx).
        case fetched(body: Data, contentType: String?)
        /// The server answered 304: nothing changed since the validators were issued.
        case notModified
        /// The poll failed.
        case failed(FetchError)
    }

    /// The store's id of the feed.
    public var feedID: Int64
    /// The URL that was requested.
    public var url: String
    /// What happened.
    public var outcome: Outcome
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The validators to send next time: the response's own where it sent them, else the previous ones.
    public var validators: ConditionalRequest
    /// The URL the content finally came from, after redirects.
    public var effectiveURL: String?
    /// When the poll completed.
    public var fetchedAt: Date
    /// The response headers feedwatch uses (lowercase names, values verbatim); empty without a response.
    public var headers: [String: String]
    /// The statuses of the redirects followed on the way (for example `[301]`).
    public var redirectStatuses: [Int]

    /// Creates a fetch result.
    public init(
        feedID: Int64,
        url: String,
        outcome: Outcome,
        status: Int?,
        validators: ConditionalRequest,
        effectiveURL: String?,
        fetchedAt: Date,
        headers: [String: String] = [:],
        redirectStatuses: [Int] = []
    ) {
        self.headers = headers
        self.redirectStatuses = redirectStatuses
        self.feedID = feedID
        self.url = url
        self.outcome = outcome
        self.status = status
        self.validators = validators
        self.effectiveURL = effectiveURL
        self.fetchedAt = fetchedAt
    }
}
