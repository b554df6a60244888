public import Foundation
public import Logging

/// Runs poll cycles: fetch the due feeds, parse, analyze, and store each new item with its alerts.
///
/// The pipeline is the single writer of items and topic state, so it keeps the topic states in memory between
/// items and persists each change in the same transaction as the item that caused it.
public actor FeedPipeline {
    private let store: any Store
    private let fetcher: FeedFetcher
    private let parser: FeedParser
    private let analyzer: Analyzer
    private let configuration: FeedWatchConfiguration
    private let sinkNames: [String]
    private let logger: Logger
    private var feeds: [Int64: FeedRecord] = [:]
    private var topicStates: [String: TopicState] = [:]
    private var loaded = false

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - configuration: The feeds, topics, poll settings and backfill mode.
    ///   - store: Where items, topic state and alerts go.
    ///   - fetcher: Polls the feeds.
    ///   - analyzer: Matches topics and detects changes.
    ///   - sinkNames: The sinks each new alert is queued for.
    ///   - logger: Where cycle events are logged.
    public init(
        configuration: FeedWatchConfiguration,
        store: any Store,
        fetcher: FeedFetcher,
        analyzer: Analyzer,
        sinkNames: [String],
        logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.fetcher = fetcher
        self.parser = FeedParser(limits: ParseLimits(maxBytes: max(configuration.poll.maxBody, 1)))
        self.analyzer = analyzer
        self.sinkNames = sinkNames
        self.logger = logger
    }

    /// Registers the configured feeds in the store and loads the topic states.
    ///
    /// - Parameter now: The time new feeds become due.
    /// - Throws: ``StoreError`` when the store cannot be read or written.
    public func prepare(now: Date = Date()) throws(StoreError) {
        let records = try store.syncFeeds(configuration.feeds, now: now)
        feeds = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        topicStates = try store.topicStates()
        loaded = true
    }

    /// The earliest time any configured feed is due.
    public func nextDue() -> Date? {
        feeds.values.compactMap(\.nextPollAt).min()
    }

    /// Polls the feeds that are due (or all of them) and stores what is new.
    ///
    /// - Parameters:
    ///   - now: The current time; feeds due at or before it are polled.
    ///   - force: Poll every feed regardless of its schedule.
    /// - Returns: What the cycle did.
    /// - Throws: ``StoreError`` when the store fails; the cycle stops there and nothing half-written remains.
    @discardableResult
    public func runCycle(now: Date = Date(), force: Bool = false) async throws(StoreError) -> CycleReport {
        if !loaded { try prepare(now: now) }
        let due = feeds.values
            .filter { force || ($0.nextPollAt ?? now) <= now }
            .sorted { $0.id < $1.id }
        var report = CycleReport()
        guard !due.isEmpty else { return report }
        let targets = due.map { FeedFetcher.Target(feedID: $0.id, url: $0.url, validators: $0.validators) }
        let results = await fetcher.fetch(targets)
        var polls: [Poll] = []
        var fresh: [AnalyzedItem] = []
        for result in results {
            guard let feed = feeds[result.feedID] else { continue }
            if case .failed(let error) = result.outcome, error.code == .cancelled { continue }
            report.polled += 1
            var poll = Poll(result: result, feed: feed)
            switch result.outcome {
            case .notModified:
                report.notModified += 1
                poll.succeeded = true
            case .failed(let error):
                report.failed += 1
                poll.error = error.description
            case .fetched(let body, _):
                let parsed: ParsedFeed
                do {
                    parsed = try parser.parse(body, url: feed.url)
                } catch {
                    report.failed += 1
                    poll.error = error.description
                    logger.warning("feed could not be parsed", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
                    polls.append(poll)
                    continue
                }
                report.fetched += 1
                fresh += try newItems(in: parsed, from: feed, at: result.fetchedAt)
                poll.succeeded = true
            }
            polls.append(poll)
        }
        // Items from every feed of the cycle are applied in event-time order, as replay would apply them.
        let ordered = fresh.enumerated()
            .sorted { ($0.element.eventTime, $0.offset) < ($1.element.eventTime, $1.offset) }
            .map(\.element)
        for item in ordered {
            guard let feed = feeds[item.feed.id] else { continue }
            try ingest(item, from: feed, report: &report)
        }
        for poll in polls {
            try record(poll)
        }
        logger.info(
            "poll cycle done",
            metadata: [
                "polled": "\(report.polled)", "fetched": "\(report.fetched)",
                "not_modified": "\(report.notModified)", "failed": "\(report.failed)",
                "new_items": "\(report.newItems)", "alerts": "\(report.alerts)",
            ]
        )
        return report
    }

    /// One feed's poll within a cycle, recorded after its items are stored.
    private struct Poll {
        var result: FetchResult
        var feed: FeedRecord
        var succeeded = false
        var error: String?
    }

    private func record(_ poll: Poll) throws(StoreError) {
        let feed = poll.feed
        let result = poll.result
        let interval = configuration.feeds.first { $0.url == feed.url }?.interval ?? configuration.poll.interval
        let failures = poll.succeeded ? 0 : feed.consecutiveFailures + 1
        let nextPollAt = Self.nextPoll(after: result.fetchedAt, interval: interval, failures: failures)
        try store.recordPoll(result, succeeded: poll.succeeded, error: poll.error, nextPollAt: nextPollAt)
        var updated = feed
        updated.validators = result.validators
        updated.nextPollAt = nextPollAt
        updated.lastPolledAt = result.fetchedAt
        updated.lastStatus = result.status ?? feed.lastStatus
        updated.lastError = poll.error
        updated.consecutiveFailures = failures
        if poll.succeeded { updated.lastSuccessAt = result.fetchedAt }
        feeds[feed.id] = updated
    }

    /// The items of a parsed document that this feed has not stored yet, analyzed, in document order.
    private func newItems(in parsed: ParsedFeed, from feed: FeedRecord, at now: Date) throws(StoreError)
        -> [AnalyzedItem]
    {
        let reference = feed.reference
        var seenInDocument = Set<String>()
        let analyzed = parsed.items
            .map { analyzer.analyze($0, feed: reference, firstSeen: now) }
            .filter { seenInDocument.insert($0.dedupeKey).inserted }
        let existing = try store.existingKeys(feedID: feed.id, keys: analyzed.map(\.dedupeKey))
        return analyzed.filter { !existing.contains($0.dedupeKey) }
    }

    private func ingest(_ item: AnalyzedItem, from feed: FeedRecord, report: inout CycleReport) throws(StoreError) {
        let raiseAlerts = configuration.backfill == .alert || feed.lastSuccessAt != nil
        var changed: [TopicState] = []
        var alerts: [Alert] = []
        // A syndicated copy still reaches change detection, marked, so it joins its story and is counted once
        // towards a status change's sources, but never starts a story or counts as coverage of its own.
        var item = item
        item.isCopy = try store.isKnownElsewhere(
            feedID: feed.id,
            dedupeKey: DedupeKey.isGloballyUnique(item.dedupeKey) ? item.dedupeKey : nil,
            contentHash: item.contentHash
        )
        for topic in item.matches.keys.sorted() {
            var state = topicStates[topic] ?? TopicState(topicID: topic)
            alerts += analyzer.detectChanges(
                for: item,
                topic: topic,
                state: &state,
                raiseAlerts: raiseAlerts,
                now: item.firstSeen
            )
            changed.append(state)
        }
        guard try store.ingest(item, topicStates: changed, alerts: alerts, sinks: sinkNames) else { return }
        for state in changed { topicStates[state.topicID] = state }
        report.newItems += 1
        report.alerts += alerts.count
        for alert in alerts {
            logger.info(
                "alert raised",
                metadata: [
                    "alert": "\(alert.id)", "topic": "\(alert.topic)", "kind": "\(alert.kind.rawValue)",
                    "feed": "\(feed.url)",
                ]
            )
        }
    }

    /// The next poll time: the interval after a success, a growing, capped backoff after failures.
    static func nextPoll(after time: Date, interval: TimeInterval, failures: Int) -> Date {
        let base = failures == 0 ? interval : min(interval * pow(2, Double(min(failures - 1, 10))), 24 * 3600)
        let jitter = Double.random(in: 0...(base * 0.05))
        return time.addingTimeInterval(max(base, interval) + jitter)
    }
}
