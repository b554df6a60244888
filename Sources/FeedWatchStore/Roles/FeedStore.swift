public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

/// The feeds a store holds: the configured list, and each feed's polling state with the health alerts a poll raises.
public protocol FeedStore: Sendable {
    /// Makes the stored feed list match the configuration: adds new feeds (due at once), updates names, and keeps
    /// the state of feeds that stay. Feeds are matched by their configured URL, so a feed relinked to a new URL
    /// stays the same feed. Feeds no longer configured are kept (their history stays) but not returned.
    ///
    /// - Parameters:
    ///   - feeds: The configured feeds.
    ///   - now: The time new feeds become due.
    /// - Returns: The configured feeds' records, in configuration order.
    func syncFeeds(_ feeds: [FeedConfiguration], now: Date) async throws(StoreError) -> [FeedRecord]

    /// All stored feeds, by id.
    func feeds() async throws(StoreError) -> [FeedRecord]

    /// Records many polls' outcomes, and the feed-health alerts they raised with one pending delivery per sink, in
    /// one transaction: each feed's URL, validators, schedule, status, error, failure run, retirement, relink
    /// progress and update rate are written as the record holds them, and its claim ends.
    ///
    /// - Parameters:
    ///   - polls: Each feed's state after its poll, with the `feed_failing`, `feed_recovered` or `feed_retired`
    ///     alerts it raised (one already stored is skipped).
    ///   - sinks: The sinks each new alert is queued for, by its topic and kind.
    func recordPolls(_ polls: [(feed: FeedRecord, alerts: [Alert])], sinks: AlertRouting) async throws(StoreError)
}

extension FeedStore {
    /// Records one poll's outcome and the feed-health alerts it raised (see ``recordPolls(_:sinks:)``).
    public func recordPoll(_ feed: FeedRecord, alerts: [Alert], sinks: AlertRouting) async throws(StoreError) {
        try await recordPolls([(feed, alerts)], sinks: sinks)
    }
}
