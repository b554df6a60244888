public import FeedWatchConfig
public import FeedWatchCore
public import FeedWatchTransport
import Foundation
public import Logging
import Synchronization

/// Polls feeds: builds conditional GETs from stored validators, runs them together, and classifies the responses.
public struct FeedFetcher: Sendable {
    /// One feed to poll: its id, URL and the validators of its last response.
    public struct Target: Sendable, Equatable {
        /// The store's id of the feed.
        public var feedID: Int64
        /// The feed's URL.
        public var url: String
        /// The validators to echo.
        public var validators: ConditionalRequest

        /// Creates a poll target.
        public init(feedID: Int64, url: String, validators: ConditionalRequest = ConditionalRequest()) {
            self.feedID = feedID
            self.url = url
            self.validators = validators
        }
    }

    /// The media types feedwatch asks for, most preferred first.
    public static let acceptHeader =
        "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
        + "text/xml;q=0.8, */*;q=0.1"

    private let client: CurlTransport
    private let options: CurlTransport.Options
    private let logger: Logger

    /// Creates a fetcher.
    ///
    /// - Parameters:
    ///   - client: The shared libcurl client.
    ///   - poll: The configured timeouts, body cap and user agent.
    ///   - logger: Where poll outcomes are logged.
    public init(client: CurlTransport, poll: PollConfiguration, logger: Logger) {
        self.client = client
        self.options = CurlTransport.Options(
            timeout: poll.timeout,
            connectTimeout: poll.connectTimeout,
            maxBodyBytes: poll.maxBody,
            userAgent: poll.userAgent,
            refusesPrivateNetworks: !poll.allowPrivateNetworks
        )
        self.logger = logger
    }

    /// Polls every target at once and returns one result per target, in order.
    ///
    /// - Parameter targets: The feeds to poll.
    /// - Returns: The outcome of each poll.
    public func fetch(_ targets: [Target]) async -> [FetchResult] {
        let classified = ResultSlots(count: targets.count)
        await fetch(targets, indexed: { classified.set($0.index, $0.result) })
        return classified.all
    }

    /// Polls every target at once, telling `each` about every poll as soon as it ends (in completion order, on the
    /// fetcher's own thread). Nothing is kept once `each` has it, so a large cycle's bodies are not all held.
    ///
    /// - Parameters:
    ///   - targets: The feeds to poll.
    ///   - each: Called with each poll's outcome as it ends, so parsing can start while other feeds download.
    public func fetch(_ targets: [Target], each: @escaping @Sendable (FetchResult) -> Void) async {
        await fetch(targets, indexed: { each($0.result) })
    }

    /// Polls every target, handing each outcome over with its target's index.
    private func fetch(_ targets: [Target], indexed: @escaping @Sendable ((index: Int, result: FetchResult)) -> Void)
        async
    {
        let requests = targets.map { target in
            CurlTransport.Request(
                url: target.url,
                headers: [("Accept", Self.acceptHeader)] + target.validators.headers,
                options: options
            )
        }
        await client.perform(requests) { index, response in
            let result = Self.classify(response, target: targets[index], at: Date())
            self.log(result)
            indexed((index, result))
        }
    }

    static func classify(_ response: Result<CurlTransport.Response, FetchError>, target: Target, at now: Date)
        -> FetchResult
    {
        switch response {
        case .failure(let error):
            return FetchResult(
                feedID: target.feedID,
                url: target.url,
                outcome: .failed(error),
                status: nil,
                validators: target.validators,
                effectiveURL: nil,
                fetchedAt: now
            )
        case .success(let response):
            var validators = target.validators
            let outcome: FetchResult.Outcome
            switch response.status {
            case 304:
                // A 304 refreshes the validators it carries and keeps the others (RFC 9111, 4.3.4).
                if let etag = response.header("etag") { validators.etag = etag }
                if let lastModified = response.header("last-modified") { validators.lastModified = lastModified }
                outcome = .notModified
            case 200..<300:
                // A full response replaces the validator set: never echo a validator the new body did not carry.
                validators = ConditionalRequest(
                    etag: response.header("etag"),
                    lastModified: response.header("last-modified")
                )
                outcome = .fetched(body: response.body, contentType: response.header("content-type"))
            default:
                outcome = .failed(
                    FetchError(
                        code: .httpStatus,
                        url: target.url,
                        status: response.status,
                        message: "the server answered HTTP \(response.status)"
                    )
                )
            }
            return FetchResult(
                feedID: target.feedID,
                url: target.url,
                outcome: outcome,
                status: response.status,
                validators: validators,
                effectiveURL: response.effectiveURL,
                fetchedAt: now,
                headers: response.headers,
                redirectStatuses: response.redirectStatuses
            )
        }
    }

    private func log(_ result: FetchResult) {
        let failed = if case .failed = result.outcome { true } else { false }
        guard failed || logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = ["feed": "\(result.url)"]
        if let status = result.status { metadata["http.status"] = "\(status)" }
        switch result.outcome {
        case .fetched(let body, _):
            metadata["bytes"] = "\(body.count)"
            logger.debug("feed fetched", metadata: metadata)
        case .notModified:
            logger.debug("feed not modified", metadata: metadata)
        case .failed(let error):
            metadata["error"] = "\(error)"
            logger.warning("feed fetch failed", metadata: metadata)
        }
    }
}

/// The fetch results of one batch, filled in from the client's thread as transfers end.
private final class ResultSlots: Sendable {
    private let slots: Mutex<[FetchResult?]>

    init(count: Int) {
        slots = Mutex([FetchResult?](repeating: nil, count: count))
    }

    func set(_ index: Int, _ result: FetchResult) {
        slots.withLock { $0[index] = result }
    }

    var all: [FetchResult] { slots.withLock { $0.compactMap { $0 } } }
}
