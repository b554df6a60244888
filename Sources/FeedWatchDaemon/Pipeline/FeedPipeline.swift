public import FeedWatchAlerts
public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import FeedWatchFetch
public import FeedWatchObservability
import FeedWatchParse
public import FeedWatchStore
import FeedWatchTransport
public import Foundation
public import Logging
import Synchronization

/// Runs poll cycles: fetch the due feeds, parse, analyze, and store each new item with its alerts.
///
/// The pipeline is the single writer of items and topic state, so it keeps the topic states in memory between
/// items and persists each change in the same transaction as the item that caused it.
public actor FeedPipeline {
    private let store: any Store
    private let fetcher: FeedFetcher
    private let parser: FeedParser
    private var analyzer: Analyzer
    private var configuration: FeedWatchConfiguration
    private let routing: AlertRouting
    private let logger: Logger
    private let recorder: PollRecorder
    private let claimer: FeedClaimer
    private let random: RandomSource
    private var pinnedIntervals: [String: TimeInterval]
    private let metrics: FeedWatchMetrics?
    private let outboxSignal: OutboxSignal?
    private var feeds: [Int64: FeedRecord] = [:]
    private var topics = TopicStateReplica()
    private var loaded = false
    /// Feeds polled while the store refused to record their polls: polled again once it works.
    private var unrecorded: Set<Int64> = []
    /// The steps cycles make, for the watchdog.
    public nonisolated let progress = CycleProgress()

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - configuration: The feeds, topics, poll settings and backfill mode.
    ///   - store: Where items, topic state and alerts go.
    ///   - fetcher: Polls the feeds.
    ///   - analyzer: Matches topics and detects changes.
    ///   - routing: The sinks each new alert is queued for, by its topic and kind.
    ///   - logger: Where cycle events are logged.
    ///   - random: The source of schedule jitter and the start-up spread.
    ///   - metrics: Where polls, items, alerts and cycle durations are counted.
    ///   - outboxSignal: Raised whenever alerts are committed, to wake the delivery loop.
    ///   - instance: This process's name in the leases it takes when the store is shared.
    public init(
        configuration: FeedWatchConfiguration,
        store: any Store,
        fetcher: FeedFetcher,
        analyzer: Analyzer,
        routing: AlertRouting,
        logger: Logger,
        random: RandomSource = .system,
        metrics: FeedWatchMetrics? = nil,
        outboxSignal: OutboxSignal? = nil,
        instance: String = InstanceIdentity.make()
    ) {
        self.recorder = PollRecorder(
            store: store,
            updater: FeedStateUpdater(poll: configuration.poll, random: random),
            routing: routing,
            logger: logger
        )
        self.claimer = FeedClaimer(store: store, instance: instance, poll: configuration.poll, logger: logger)
        self.random = random
        self.pinnedIntervals = Self.pinnedIntervals(of: configuration)
        self.metrics = metrics
        self.outboxSignal = outboxSignal
        self.configuration = configuration
        self.store = store
        self.fetcher = fetcher
        self.parser = FeedParser(limits: ParseLimits(maxBytes: max(configuration.poll.maxBody, 1)))
        self.analyzer = analyzer
        self.routing = routing
        self.logger = logger
    }

    /// Registers the configured feeds in the store and loads the topic states and schedule.
    ///
    /// Feeds whose persisted next poll is still ahead keep it, so a restart never polls a feed early. Feeds that
    /// are due (new, or overdue after downtime) are spread at random over `poll.startup_spread` instead of all
    /// firing at once.
    ///
    /// - Parameter now: The time new feeds become due.
    /// - Throws: ``StoreError`` when the store cannot be read or written.
    public func prepare(now: Date = Date()) async throws(StoreError) {
        let records = try await store.syncFeeds(configuration.feeds, now: now)
        feeds = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let spread = configuration.poll.startupSpread
        // Stored times come back from SQLite a hair off, so "due within a second" counts as due now.
        let dueBy = now.addingTimeInterval(1)
        for (id, feed) in feeds where feed.retiredAt == nil && (feed.nextPollAt ?? now) <= dueBy {
            feeds[id]?.nextPollAt = now.addingTimeInterval(spread * random.fraction())
        }
        topics = TopicStateReplica(states: try await store.topicStates())
        loaded = true
    }

    /// The earliest time any configured feed that is not retired is due.
    public func nextDue() -> Date? {
        feeds.values.filter { $0.retiredAt == nil }.compactMap(\.nextPollAt).min()
    }

    /// The pipeline's view of the configured feeds, by id.
    public func feedRecords() -> [Int64: FeedRecord] {
        feeds
    }

    private static func pinnedIntervals(of configuration: FeedWatchConfiguration) -> [String: TimeInterval] {
        Dictionary(
            configuration.feeds.compactMap { feed in feed.interval.map { (feed.url, $0) } },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// Applies a new configuration between cycles: added feeds become due at once, removed feeds stop being polled
    /// (their history stays), and the new topics apply to items from the next cycle on. Topic state is kept.
    ///
    /// Poll settings, the database and the sinks are read at start-up only; changing them needs a restart.
    ///
    /// - Parameters:
    ///   - configuration: The new configuration, already validated.
    ///   - analyzer: The analyzer built from its topics.
    ///   - now: The time added feeds become due.
    /// - Throws: ``StoreError`` when the feed list cannot be stored; the old configuration then stays in force.
    public func reconfigure(_ configuration: FeedWatchConfiguration, analyzer: Analyzer, now: Date = Date())
        async throws(StoreError)
    {
        let records = try await store.syncFeeds(configuration.feeds, now: now)
        feeds = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var kept = self.configuration
        kept.feeds = configuration.feeds
        kept.topics = configuration.topics
        kept.backfill = configuration.backfill
        self.configuration = kept
        self.analyzer = analyzer
        self.pinnedIntervals = Self.pinnedIntervals(of: kept)
        loaded = true
    }

    /// The URLs of the feeds being polled.
    public var feedURLs: [String] { feeds.values.sorted { $0.id < $1.id }.map(\.url) }

    /// A one-line summary for `systemctl status`: feeds, failing feeds and alerts waiting for delivery.
    public func statusLine() async -> String {
        let failing = feeds.values.filter { $0.consecutiveFailures > 0 }.count
        let pending = (try? await store.pendingDeliveryCount()) ?? 0
        return "\(feeds.count) feeds, \(failing) failing, \(pending) alerts pending"
    }

    /// Proves the store still answers (and takes writes), for the watchdog.
    ///
    /// - Throws: ``StoreError`` when it does not.
    public func checkStore() async throws(StoreError) {
        try await store.checkHealth()
    }

    /// Makes the feeds polled while the store failed due at `now`, so their documents are downloaded in full again
    /// and their items stored once the store works.
    ///
    /// - Parameter now: The time they become due.
    public func requeueUnrecordedPolls(now: Date = Date()) {
        for id in unrecorded {
            feeds[id]?.nextPollAt = now
        }
    }

    /// Polls the feeds that are due (or all of them) and stores what is new.
    ///
    /// Retired feeds are never polled, not even when forced. Schedules are computed on the clock `now` belongs to,
    /// so tests can run a cycle "tomorrow" without waiting.
    ///
    /// - Parameters:
    ///   - now: The current time; feeds due at or before it are polled.
    ///   - force: Poll every feed that is not retired, regardless of its schedule.
    /// - Returns: What the cycle did.
    /// - Throws: ``StoreError`` when the store fails; the cycle stops there and nothing half-written remains. The
    ///   feeds polled move on to their next poll in memory and are polled in full again after
    ///   ``requeueUnrecordedPolls(now:)``.
    @discardableResult
    public func runCycle(now: Date = Date(), force: Bool = false) async throws(StoreError) -> CycleReport {
        if !loaded { try await prepare(now: now) }
        let clockOffset = now.timeIntervalSince(Date())
        var due = feeds.values
            .filter { $0.retiredAt == nil && (force || ($0.nextPollAt ?? now) <= now) }
            .sorted { $0.id < $1.id }
        var report = CycleReport()
        let limit = configuration.poll.maxFeedsPerCycle
        if !force && due.count > limit {
            // The most overdue go now, the rest in the next cycle.
            let overdue = due.sorted { ($0.nextPollAt ?? now, $0.id) < ($1.nextPollAt ?? now, $1.id) }
            due = overdue.prefix(limit).sorted { $0.id < $1.id }
            report.deferred = overdue.count - limit
        }
        if store.sharesWork && !due.isEmpty {
            var known = feeds
            due = try await claimer.claim(due, feeds: &known, now: now, force: force)
            feeds = known
        }
        guard !due.isEmpty else { return report }
        let started = ContinuousClock.now
        let targets = due.map { FeedFetcher.Target(feedID: $0.id, url: $0.url, validators: $0.validators) }
        // Three stages overlap: libcurl downloads on its own thread, parsing and analysis run one task per core as
        // bodies arrive, and this actor stores what is digested, a chunk of feeds at a time.
        let (fetched, fetchedInput) = AsyncStream.makeStream(of: FetchResult.self)
        let (digested, digestedInput) = AsyncStream.makeStream(of: (result: FetchResult, digest: FeedDigest?).self)
        let fetcher = self.fetcher
        let progress = self.progress
        let budget = DigestBudget(limit: Self.digestChunkSize + Self.digestChunkSize / 4)
        let fetching = Task {
            // Only bodies need the digest stage; a 304 or a failure goes straight to the store stage, which saves
            // a hand-over between threads per feed in the common case of a feed that has not changed. Every such
            // yield happens before `fetched` finishes, hence before the digest stage finishes `digested`.
            // They are handed over in groups, so a cycle of unchanged feeds wakes the store stage once per group
            // rather than once per feed.
            let unchanged = Mutex<[FetchResult]>([])
            await fetcher.fetch(targets) { result in
                progress.advance()
                if case .fetched = result.outcome {
                    fetchedInput.yield(result)
                    return
                }
                let group = unchanged.withLock { pending -> [FetchResult] in
                    pending.append(result)
                    guard pending.count >= Self.unchangedGroupSize else { return [] }
                    defer { pending.removeAll(keepingCapacity: true) }
                    return pending
                }
                for result in group { digestedInput.yield((result, nil)) }
            }
            for result in unchanged.withLock({ $0 }) { digestedInput.yield((result, nil)) }
            fetchedInput.finish()
        }
        let digester = FeedDigester(parser: parser, analyzer: analyzer, store: store)
        let digesting = Task { [feeds] in
            await digester.run(fetched, into: digestedInput, budget: budget, feeds: feeds, clockOffset: clockOffset)
        }
        let renewing = store.sharesWork ? claimer.renewLeases() : nil
        defer {
            fetching.cancel()
            digesting.cancel()
            renewing?.cancel()
            budget.open()
        }
        var polls: [PolledFeed] = []
        var newItemCounts: [Int64: Int] = [:]
        var chunk: [(result: FetchResult, digest: FeedDigest?)] = []
        // A large cycle is stored a chunk of feeds at a time, so its memory stays bounded. Within a chunk (a whole
        // cycle of up to `digestChunkSize` feeds) items from every feed are applied in event-time order, as replay
        // would apply them; analysis judges status on event time, so a later chunk's older item never moves a
        // status back.
        // Cancelling the cycle (a shutdown) ends this loop (the stream stops) and storing stops at the next batch
        // boundary; the polls of feeds whose items were stored, not modified or failed are recorded, the others stay
        // due, and the deferred cancellations stop the transfers still running.
        var received = 0
        var entries = digested.makeAsyncIterator()
        var finished = false
        do throws(StoreError) {
            while !finished {
                if let entry = await entries.next() {
                    chunk.append(entry)
                    received += 1
                    guard chunk.count >= Self.chunkSize(cycle: targets.count, remaining: targets.count - received)
                    else { continue }
                } else {
                    finished = true
                }
                try await store(
                    &chunk,
                    clockOffset: clockOffset,
                    budget: budget,
                    polls: &polls,
                    newItemCounts: &newItemCounts,
                    report: &report
                )
            }
            var known = feeds
            try await recorder.record(
                polls,
                newItemCounts: newItemCounts,
                pinnedIntervals: pinnedIntervals,
                feeds: &known
            )
            feeds = known
            unrecorded.subtract(polls.map(\.feed.id))
        } catch {
            // The store refused the cycle's results: the polled feeds move on to their next poll in memory only, so
            // the next attempt does not download them all again, and are polled again in full once the store works.
            var known = feeds
            recorder.postpone(polls, pinnedIntervals: pinnedIntervals, feeds: &known)
            feeds = known
            unrecorded.formUnion(polls.map(\.feed.id))
            throw error
        }
        if let renewing {
            renewing.cancel()
            await renewing.value
        }
        if store.sharesWork {
            try await claimer.releaseLeases()
        }
        outboxSignal?.notify()
        if let metrics {
            metrics.recordCycle(duration: ContinuousClock.now - started)
            var states: [String: Int] = [:]
            for feed in feeds.values {
                switch feed.state {
                case .new: states["new", default: 0] += 1
                case .ok: states["ok", default: 0] += 1
                case .backingOff, .failing: states["failing", default: 0] += 1
                case .retired: states["retired", default: 0] += 1
                }
            }
            metrics.recordFeedStates(states)
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

    /// How many results without a body (a 304, a failure) are handed to the store stage at once.
    static let unchangedGroupSize = 64

    /// How many feeds' digests are stored together.
    static let digestChunkSize = 2000

    /// How many feeds' digests are stored together when `remaining` feeds of a cycle of `cycle` feeds are still to
    /// come. A cycle that fits in one chunk is stored as one. A larger one is stored a whole chunk at a time, but
    /// no more than half of what remains (and no fewer than 100 feeds), so chunks shrink towards the end of the
    /// cycle and the last one, stored after every body is digested, is small.
    static func chunkSize(cycle: Int, remaining: Int) -> Int {
        guard cycle > digestChunkSize else { return digestChunkSize }
        return min(digestChunkSize, max(100, remaining / 2))
    }

    /// Stores one chunk of digested polls and empties it: turns each into its feed's poll outcome and writes the new
    /// items, in event-time order across the chunk, in batches of one transaction each.
    ///
    /// The chunk's places in `budget` are given back batch by batch, in proportion to the items stored, and each
    /// stored batch's items are dropped at once: parsing goes on while a chunk is stored, with memory still bounded.
    /// When the task is cancelled (a shutdown), storing stops at the next batch boundary.
    private func store(
        _ chunk: inout [(result: FetchResult, digest: FeedDigest?)],
        clockOffset: TimeInterval,
        budget: DigestBudget,
        polls: inout [PolledFeed],
        newItemCounts: inout [Int64: Int],
        report: inout CycleReport
    ) async throws(StoreError) {
        let digested = chunk.count { $0.digest != nil }
        var (chunkPolls, queue) = try outcomes(of: &chunk, clockOffset: clockOffset, report: &report)
        chunk.removeAll(keepingCapacity: true)
        polls += chunkPolls
        let total = queue.count
        // Latest first, so each batch is popped from the end (items move, they are not copied) and freed as soon as
        // it is stored.
        let times = queue.map { $0.eventTime }
        queue.rearrange(by: queue.indices.sorted { (times[$0], $0) > (times[$1], $1) })
        var released = 0
        while !queue.isEmpty {
            if Task.isCancelled {
                // A shutdown stops at a batch boundary: the items not stored yet are dropped, and the polls of their
                // feeds are not recorded, so those feeds stay due and are polled again after the restart (where the
                // items already stored are known).
                let dropped = Set(queue.map(\.feed.id))
                polls.removeAll { dropped.contains($0.feed.id) }
                logger.notice(
                    "poll cycle stopped for shutdown, results not stored yet dropped",
                    metadata: ["feeds": "\(dropped.count)", "items": "\(queue.count)"]
                )
                break
            }
            var batch: [AnalyzedItem] = []
            batch.reserveCapacity(min(Self.ingestBatchSize, queue.count))
            while batch.count < Self.ingestBatchSize, let item = queue.popLast() {
                batch.append(item)
            }
            for (feedID, count) in try await ingest(batch, report: &report) {
                newItemCounts[feedID, default: 0] += count
            }
            progress.advance()
            let due = digested * (total - queue.count) / total
            budget.release(due - released)
            released = due
        }
        budget.release(digested - released)
    }

    /// Turns a chunk of digested fetch results into each feed's poll outcome and its new items, moving the items
    /// out of the chunk (an analyzed item is a dozen references, and a copy retains and releases each of them).
    private func outcomes(
        of chunk: inout [(result: FetchResult, digest: FeedDigest?)],
        clockOffset: TimeInterval,
        report: inout CycleReport
    ) throws(StoreError) -> (polls: [PolledFeed], fresh: [AnalyzedItem]) {
        var polls: [PolledFeed] = []
        polls.reserveCapacity(chunk.count)
        var fresh: [AnalyzedItem] = []
        for index in chunk.indices {
            let result = chunk[index].result
            let digest = chunk[index].digest.take()
            guard let feed = feeds[result.feedID] else { continue }
            if case .failed(let error) = result.outcome, error.code == .cancelled { continue }
            report.polled += 1
            let at = result.fetchedAt.addingTimeInterval(clockOffset)
            var poll = PolledFeed(result: result, feed: feed, at: at)
            switch result.outcome {
            case .notModified:
                report.notModified += 1
                poll.succeeded = true
                metrics?.recordPoll(result: "not_modified", status: result.status)
            case .failed(let error):
                report.failed += 1
                poll.error = error.description
                metrics?.recordPoll(result: "failed", status: result.status)
            case .fetched:
                switch consume digest {
                case .parsed(let document, var items):
                    if !document.wellformed {
                        logger.warning(
                            "feed is not well-formed, recovered what it could",
                            metadata: [
                                "feed": "\(feed.url)", "error": "the document is not well-formed or wrongly encoded",
                                "encoding": "\(document.encoding ?? "unknown")", "items": "\(document.itemCount)",
                            ]
                        )
                    }
                    report.fetched += 1
                    metrics?.recordItems(new: items.count, duplicate: document.itemCount - items.count)
                    // Moved, not copied, in document order: the last of the reversed items first (reversed in the
                    // buffer, whose swaps move elements).
                    items.withUnsafeMutableBufferPointer { $0.reverse() }
                    while let item = items.popLast() { fresh.append(item) }
                    poll.succeeded = true
                    poll.document = document
                    metrics?.recordPoll(result: "fetched", status: result.status)
                case .unparsable(let error):
                    report.failed += 1
                    poll.error = error
                    metrics?.recordPoll(result: "parse_error", status: result.status)
                    logger.warning("feed could not be parsed", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
                case .storeFailed(let error):
                    throw error
                case nil:
                    continue
                }
            }
            polls.append(poll)
        }
        return (polls, fresh)
    }

    /// How many items one store transaction writes.
    static let ingestBatchSize = 1000

    /// Stores a batch of new items with the topic states they change and the alerts they raise, in one
    /// transaction: the store inserts the items and says which are copies; the analysis decides, item by item, what
    /// each inserted one changes; the store writes that with them. The in-memory topic states move on only once the
    /// batch is committed, after the store has brought them up to date with what other instances sharing it
    /// committed.
    ///
    /// - Returns: How many of the items were new, by feed id.
    private func ingest(_ items: [AnalyzedItem], report: inout CycleReport) async throws(StoreError) -> [Int64: Int] {
        let topics = self.topics
        let known = feeds
        let backfillAlerts = configuration.backfill == .alert
        let analyzer = self.analyzer
        let routing = self.routing
        let outcome = try await store.ingest { transaction in
            var topics = topics
            try await transaction.refresh(&topics)
            let inserted = try await transaction.insert(items)
            var ledger = TopicStateLedger()
            var raised: [(alert: Alert, itemID: Int64, feed: String)] = []
            // Read in the buffer, so an item is lent to the analysis rather than copied out of the array.
            items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    guard let stored = inserted[index], let feed = known[items[index].feed.id] else { continue }
                    let raiseAlerts = backfillAlerts || feed.lastSuccessAt != nil
                    let changed: [TopicState]
                    let alerts: [Alert]
                    if items[index].isCopy == stored.isCopy {
                        (changed, alerts) = analyzer.apply(items[index], to: &topics.states, raiseAlerts: raiseAlerts)
                    } else {
                        // A syndicated copy still reaches change detection, marked, so it joins its story and is
                        // counted once towards a status change's sources, but never starts a story or counts as
                        // coverage of its own.
                        var item = items[index]
                        item.isCopy = stored.isCopy
                        (changed, alerts) = analyzer.apply(item, to: &topics.states, raiseAlerts: raiseAlerts)
                    }
                    ledger.record(changed, at: items[index].firstSeen)
                    raised += alerts.map { ($0, stored.id, feed.url) }
                }
            }
            try await transaction.enqueue(raised.map { ($0.alert, $0.itemID) }, sinks: routing)
            try await transaction.save(ledger, into: &topics)
            return (inserted: inserted.map { $0 != nil }, raised: raised.map { ($0.alert, $0.feed) }, topics: topics)
        }
        self.topics = outcome.topics
        if !outcome.raised.isEmpty { outboxSignal?.notify() }
        var new: [Int64: Int] = [:]
        for index in items.indices where outcome.inserted[index] {
            new[items[index].feed.id, default: 0] += 1
        }
        report.newItems += outcome.inserted.count { $0 }
        report.alerts += outcome.raised.count
        for (alert, feed) in outcome.raised {
            metrics?.recordAlertRaised(kind: alert.kind.rawValue)
            logger.info(
                "alert raised",
                metadata: [
                    "alert": "\(alert.id)", "topic": "\(alert.topic)", "kind": "\(alert.kind.rawValue)",
                    "feed": "\(feed)",
                ]
            )
        }
        return new
    }
}
