public import FeedWatchConfig
public import FeedWatchCore
import FeedWatchTransport
public import Foundation

/// Turns one poll's outcome into the feed's next state: validators, schedule, failure run, retirement, relink
/// progress and update rate, with the feed-health alerts the change raises.
///
/// - A success (a usable body or a 304) clears the failure run, raising `feed_recovered` when `feed_failing` had
///   been raised, and schedules the next poll with ``PollSchedule``.
/// - 429 and 503 with a `Retry-After` in the future wait as asked (at most ``PollConfiguration/maxBackoff``) and are
///   no strike; a 429 without one keeps the normal schedule; a 503 without one, and either with a `Retry-After` of
///   0 or a past date (which would have the feed polled again at once), is a failure that waits at least
///   `min_interval`.
/// - 410 Gone retires the feed (`feed_retired`); other failures back off with ``BackoffPolicy`` and raise
///   `feed_failing` once the run is older than ``PollConfiguration/failingAfter``.
/// - A 301/308-only redirect chain to the same URL on ``PollConfiguration/relinkAfter`` consecutive successful
///   polls moves the feed's URL there.
public struct FeedStateUpdater: Sendable {
    /// What one poll of a feed observed.
    public struct Observation: Sendable {
        /// The fetch result.
        public var result: FetchResult
        /// When the poll finished, on the pipeline's clock.
        public var at: Date
        /// Whether the poll counts as a success (a body that parsed, or a 304).
        public var succeeded: Bool
        /// The error shown to users when the poll failed.
        public var error: String?
        /// What the scheduler needs from the document, for a body that parsed.
        public var document: DocumentFacts?
        /// How many new items the poll stored.
        public var newItems: Int

        /// Creates an observation.
        public init(
            result: FetchResult,
            at: Date,
            succeeded: Bool,
            error: String? = nil,
            document: DocumentFacts? = nil,
            newItems: Int = 0
        ) {
            self.result = result
            self.at = at
            self.succeeded = succeeded
            self.error = error
            self.document = document
            self.newItems = newItems
        }
    }

    /// What the scheduler keeps from a parsed document, so the document itself can be dropped early.
    public struct DocumentFacts: Sendable, Equatable {
        /// The feed's `<ttl>`, in seconds.
        public var ttl: TimeInterval?
        /// The update interval the items' dates suggest (``PollSchedule/observedInterval(from:)``).
        public var observedInterval: TimeInterval?
        /// How many items the document listed.
        public var itemCount: Int
        /// Whether the document was well-formed and correctly encoded (else it was recovered).
        public var wellformed: Bool
        /// The encoding the document was read in.
        public var encoding: String?

        /// Creates the facts of a document.
        ///
        /// - Parameters:
        ///   - ttl: The feed's `<ttl>`, in seconds.
        ///   - itemDates: The items' publication (else update) dates, from which the update interval is observed.
        ///   - itemCount: How many items the document listed.
        ///   - wellformed: Whether the document was well-formed and correctly encoded.
        ///   - encoding: The encoding the document was read in.
        public init(ttl: TimeInterval?, itemDates: [Date], itemCount: Int, wellformed: Bool, encoding: String?) {
            self.ttl = ttl
            self.itemCount = itemCount
            self.wellformed = wellformed
            self.encoding = encoding
            self.observedInterval = PollSchedule.observedInterval(from: itemDates)
        }
    }

    /// The feed's next state and what it means.
    public struct Change: Sendable {
        /// The feed after the poll.
        public var feed: FeedRecord
        /// The feed-health alerts raised.
        public var alerts: [Alert]
        /// The URL the feed was relinked from, when this poll confirmed a permanent redirect.
        public var relinkedFrom: String?
        /// When the server asked to be contacted again, for a rate-limited poll.
        public var rateLimitedUntil: Date?
    }

    private let poll: PollConfiguration
    private let schedule: PollSchedule
    private let backoff: BackoffPolicy
    private let random: RandomSource

    /// Creates an updater.
    ///
    /// - Parameters:
    ///   - poll: The poll configuration (bounds, cap, thresholds).
    ///   - random: The jitter source.
    public init(poll: PollConfiguration, random: RandomSource = .system) {
        self.poll = poll
        self.schedule = PollSchedule(poll: poll)
        self.backoff = BackoffPolicy(cap: poll.maxBackoff)
        self.random = random
    }

    /// The feed's state after a poll.
    ///
    /// - Parameters:
    ///   - observation: What the poll observed.
    ///   - feed: The feed before the poll.
    ///   - pinnedInterval: The feed's own configured interval, if any.
    ///   - isTaken: Whether another feed uses a URL, which a relink must then not take; asked only when a
    ///     permanent redirect was seen.
    /// - Returns: The new state and the alerts it raises.
    public func apply(
        _ observation: Observation,
        to feed: FeedRecord,
        pinnedInterval: TimeInterval?,
        isTaken: (String) -> Bool = { _ in false }
    ) -> Change {
        let result = observation.result
        let at = observation.at
        var updated = feed
        var change = Change(feed: feed, alerts: [])
        updated.lastPolledAt = at
        updated.lastStatus = result.status ?? feed.lastStatus
        updated.lastError = observation.error
        if let document = observation.document { updated.ttl = document.ttl.flatMap { $0 > 0 ? $0 : nil } }
        if observation.newItems > 0 { updated.lastNewItemAt = at }
        if let observed = observation.document?.observedInterval {
            updated.updateInterval = observed
        } else if observation.newItems > 0, let previous = feed.lastNewItemAt {
            let gap = at.timeIntervalSince(previous)
            updated.updateInterval = feed.updateInterval.map { ($0 + gap) / 2 } ?? gap
        }
        trackRelink(result, succeeded: observation.succeeded, feed: &updated, change: &change, isTaken: isTaken)

        let hint = [
            CacheLifetime.seconds(
                cacheControl: result.headers["cache-control"],
                expires: result.headers["expires"],
                date: result.headers["date"],
                now: result.fetchedAt
            ),
            updated.ttl,
        ].compactMap { $0 }.max()
        let interval = schedule.interval(
            pinned: pinnedInterval,
            observed: updated.updateInterval,
            serverHint: hint
        )
        let status = result.status ?? 0

        if observation.succeeded {
            updated.validators = result.validators
            updated.lastSuccessAt = at
            updated.consecutiveFailures = 0
            if feed.failingAlerted, let since = feed.failingSince {
                change.alerts.append(healthAlert(.feedRecovered, feed: updated, episode: since, at: at))
            }
            updated.failingSince = nil
            updated.failingAlerted = false
            updated.nextPollAt = schedule.nextPoll(after: at, interval: interval, random: random)
        } else if status == 410 {
            updated.retiredAt = at
            updated.nextPollAt = nil
            change.alerts.append(healthAlert(.feedRetired, feed: updated, episode: at, at: at))
        } else if status == 429 || status == 503,
            let retry = result.headers["retry-after"].flatMap({ RetryAfter.date(from: $0, now: at) }),
            retry > at
        {
            let until = min(retry, at.addingTimeInterval(poll.maxBackoff))
            updated.nextPollAt = until
            change.rateLimitedUntil = until
        } else if status == 429, result.headers["retry-after"] == nil {
            updated.nextPollAt = schedule.nextPoll(after: at, interval: interval, random: random)
            change.rateLimitedUntil = updated.nextPollAt
        } else {
            let failures = feed.consecutiveFailures + 1
            updated.consecutiveFailures = failures
            let since = feed.failingSince ?? at
            updated.failingSince = since
            // A `Retry-After` of 0 or a past date lands here too: it asks for no pause, so it gets a strike's.
            let delay = max(backoff.delay(afterFailures: failures, base: interval, random: random), poll.minInterval)
            updated.nextPollAt = at.addingTimeInterval(delay)
            if !feed.failingAlerted, at.timeIntervalSince(since) >= poll.failingAfter {
                updated.failingAlerted = true
                change.alerts.append(healthAlert(.feedFailing, feed: updated, episode: since, at: at))
            }
        }
        change.feed = updated
        return change
    }

    private func trackRelink(
        _ result: FetchResult,
        succeeded: Bool,
        feed: inout FeedRecord,
        change: inout Change,
        isTaken: (String) -> Bool
    ) {
        guard result.status != nil else { return }
        let chain = result.redirectStatuses
        guard succeeded, !chain.isEmpty, chain.allSatisfy({ $0 == 301 || $0 == 308 }),
            let target = result.effectiveURL, target != feed.url, !isTaken(target)
        else {
            feed.relinkTarget = nil
            feed.relinkCount = 0
            return
        }
        feed.relinkCount = feed.relinkTarget == target ? feed.relinkCount + 1 : 1
        feed.relinkTarget = target
        guard feed.relinkCount >= poll.relinkAfter else { return }
        change.relinkedFrom = feed.url
        feed.url = target
        feed.relinkTarget = nil
        feed.relinkCount = 0
    }

    private func healthAlert(_ kind: Alert.Kind, feed: FeedRecord, episode: Date, at: Date) -> Alert {
        let name = feed.name ?? feed.url
        let summary: String
        switch kind {
        case .feedFailing:
            summary =
                "Feed \"\(name)\" has been failing since \(episode.formatted(.iso8601)): "
                + (feed.lastError ?? "no usable response")
        case .feedRecovered:
            summary = "Feed \"\(name)\" works again after failing since \(episode.formatted(.iso8601))"
        default:
            summary =
                "Feed \"\(name)\" is gone (HTTP 410) and is no longer polled; "
                + "remove it from the configuration or point it at its new address"
        }
        return Alert(
            id: StableHash.hex([kind.rawValue, feed.configuredURL, String(Int(episode.timeIntervalSince1970))]),
            topic: Alert.feedsTopic,
            kind: kind,
            at: at,
            createdAt: Date(),
            summary: summary,
            evidence: [Alert.Evidence(title: nil, link: feed.url, feed: name, published: nil)]
        )
    }
}
