import FeedWatchConfig
import FeedWatchCore
import FeedWatchFetch
import FeedWatchStore
import Foundation
import Logging

/// One feed's poll within a cycle, recorded after its items are stored.
struct PolledFeed {
    /// The fetch result, without its body.
    var result: FetchResult
    /// The feed as it was before the poll.
    var feed: FeedRecord
    /// When the poll finished, on the cycle's clock.
    var at: Date
    /// Whether the poll counts as a success (a body that parsed, or a 304).
    var succeeded = false
    /// The error shown to users when the poll failed.
    var error: String?
    /// What the scheduler keeps of the document, for a body that parsed.
    var document: FeedStateUpdater.DocumentFacts?

    /// The poll as the scheduler sees it, with the number of new items it stored.
    func observation(newItems: Int) -> FeedStateUpdater.Observation {
        FeedStateUpdater.Observation(
            result: result,
            at: at,
            succeeded: succeeded,
            error: error,
            document: document,
            newItems: newItems
        )
    }
}

/// Records the end of a poll cycle: each polled feed's next state (validators, schedule, failures, relinks) with
/// the feed-health alerts it raises, in one store call, and a log line for each change an operator should see.
struct PollRecorder: Sendable {
    /// Where the feeds' states and their alerts go.
    let store: any FeedStore
    /// Turns a poll's outcome into the feed's next state.
    let updater: FeedStateUpdater
    /// The sinks each feed-health alert is queued for.
    let routing: AlertRouting
    /// Where changes are logged.
    let logger: Logger

    /// Stores the polled feeds' next states and moves the caller's view of the feeds on.
    ///
    /// - Parameters:
    ///   - polls: The cycle's polls.
    ///   - newItemCounts: How many new items each feed stored in the cycle, by feed id.
    ///   - pinnedIntervals: The poll interval a feed's configuration fixes, by configured URL.
    ///   - feeds: The pipeline's view of every feed, updated once the states are stored.
    func record(
        _ polls: [PolledFeed],
        newItemCounts: [Int64: Int],
        pinnedIntervals: [String: TimeInterval],
        feeds: inout [Int64: FeedRecord]
    ) async throws(StoreError) {
        let all = feeds
        let changes = polls.map { poll in
            let feed = poll.feed
            let observation = poll.observation(newItems: newItemCounts[feed.id] ?? 0)
            return updater.apply(
                observation,
                to: feed,
                pinnedInterval: pinnedIntervals[feed.configuredURL]
            ) { url in all.values.contains { $0.id != feed.id && ($0.url == url || $0.configuredURL == url) } }
        }
        try await store.recordPolls(changes.map { ($0.feed, $0.alerts) }, sinks: routing)
        for (poll, change) in zip(polls, changes) {
            feeds[change.feed.id] = change.feed
            log(change, previous: poll.feed)
        }
    }

    /// Moves the polled feeds' next poll times on in the caller's view only, when their polls could not be stored.
    ///
    /// Each feed gets the next poll time its schedule gives; everything else (validators, failures, last success)
    /// stays as stored, so the next poll downloads the whole document again and its items are not lost.
    ///
    /// - Parameters:
    ///   - polls: The cycle's polls that were not recorded.
    ///   - pinnedIntervals: The poll interval a feed's configuration fixes, by configured URL.
    ///   - feeds: The pipeline's view of every feed.
    func postpone(
        _ polls: [PolledFeed],
        pinnedIntervals: [String: TimeInterval],
        feeds: inout [Int64: FeedRecord]
    ) {
        for poll in polls {
            let pinned = pinnedIntervals[poll.feed.configuredURL]
            let change = updater.apply(poll.observation(newItems: 0), to: poll.feed, pinnedInterval: pinned)
            feeds[poll.feed.id]?.nextPollAt = change.feed.nextPollAt
        }
    }

    private func log(_ change: FeedStateUpdater.Change, previous: FeedRecord) {
        let feed = change.feed
        if let from = change.relinkedFrom {
            logger.notice(
                "feed relinked after permanent redirects",
                metadata: ["feed": "\(feed.configuredURL)", "from": "\(from)", "to": "\(feed.url)"]
            )
        }
        if let until = change.rateLimitedUntil {
            logger.notice(
                "feed rate limited",
                metadata: [
                    "feed": "\(feed.url)", "http.status": "\(feed.lastStatus ?? 0)",
                    "until": "\(until.formatted(.iso8601))",
                ]
            )
        }
        if feed.retiredAt != nil, previous.retiredAt == nil {
            logger.warning("feed retired: the server says it is gone", metadata: ["feed": "\(feed.url)"])
        }
        for alert in change.alerts {
            logger.info(
                "alert raised",
                metadata: [
                    "alert": "\(alert.id)", "topic": "\(alert.topic)", "kind": "\(alert.kind.rawValue)",
                    "feed": "\(feed.url)",
                ]
            )
        }
    }
}
