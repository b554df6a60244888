import FeedWatchAnalysis
public import FeedWatchConfig
import Foundation

extension RelationalStore {
    public func prune(_ retention: RetentionConfiguration, batchSize: Int, pause: Duration) async throws(StoreError)
        -> RetentionReport
    {
        guard retention.prunes, let clock = try await clock() else { return RetentionReport() }
        var report = RetentionReport(clock: Date(timeIntervalSince1970: clock))
        let kept = try await keptItemKeys()
        if let age = retention.items {
            report.items = try await pruneItems(
                olderThan: clock - age,
                keeping: kept,
                batchSize: batchSize,
                pause: pause
            )
        }
        if let maximum = retention.maxItemsPerFeed {
            let crowded = try await transaction { unit in try await unit.feeds(holdingMoreThan: maximum) }
            for feedID in crowded where !Task.isCancelled {
                // The feed keeps its `maximum` newest items (by time, ties kept) and forgets the older ones.
                let newest = try await transaction { unit in try await unit.itemTime(feedID: feedID, rank: maximum) }
                guard let cutoff = newest else { continue }
                report.cappedItems += try await pruneItems(
                    of: feedID,
                    olderThan: cutoff,
                    keeping: kept,
                    batchSize: batchSize,
                    pause: pause
                )
            }
        }
        if let age = retention.alerts {
            let horizon = clock - age
            report.alerts = try await inBatches(from: 0, pause: pause) { unit, _ in
                let ids = try await unit.alerts(olderThan: horizon, limit: batchSize)
                try await unit.deleteAlerts(ids)
                return (ids.count == batchSize ? 0 : nil, ids.count)
            }
        }
        return report
    }

    /// The store's event-time "now": the newest item's event time, but never more than a day after the latest first
    /// sight, so a feed dated in the future cannot age everything else out.
    private func clock() async throws(StoreError) -> Double? {
        let (newest, lastSeen) = try await transaction { unit in try await unit.itemClock() }
        guard let newest, let lastSeen else { return nil }
        return min(newest, lastSeen + Analyzer.futureTolerance)
    }

    /// The dedupe keys of the items the topic states still name: their stories' articles and the reports of the
    /// statuses waiting for confirmation.
    private func keptItemKeys() async throws(StoreError) -> Set<String> {
        var keys = Set<String>()
        for state in try await topicStates().values {
            for story in state.stories {
                for article in story.articles {
                    keys.insert(article.id)
                    if let key = article.key { keys.insert(key) }
                }
            }
            for pending in state.pending {
                for report in pending.reports { keys.insert(report.dedupeKey) }
            }
        }
        return keys
    }

    /// Deletes every feed's items older than `time` but those `kept` names, a batch per transaction, after raising
    /// the time before which the feeds forgot items, so that none of them is ever ingested again as new.
    ///
    /// Two passes, each reading only what it deletes (plus one batch): the items dated before `time`, in event-time
    /// order through the index on `event_at`; then the items dated ahead of their first sight, which are old by that
    /// sight alone: first seen over a day before `time`, a prefix of the id order.
    private func pruneItems(
        olderThan time: Double,
        keeping kept: Set<String>,
        batchSize: Int,
        pause: Duration
    ) async throws(StoreError) -> Int {
        try await transaction { unit in try await unit.forgetItems(olderThan: time, feedID: nil) }
        let dated = try await inBatches(from: (eventAt: -Double.greatestFiniteMagnitude, id: Int64(0)), pause: pause) {
            unit,
            after in
            let rows = try await unit.items(eventBefore: time, after: after, limit: batchSize)
            let doomed = rows.filter { !kept.contains($0.dedupeKey) }.map(\.id)
            try await unit.deleteItems(doomed)
            return (rows.count == batchSize ? rows.last.map { (eventAt: $0.eventAt, id: $0.id) } : nil, doomed.count)
        }
        let firstSeenBefore = time - Analyzer.futureTolerance
        let datedAhead = try await inBatches(from: Int64(0), pause: pause) { unit, after in
            let rows = try await unit.items(after: after, limit: batchSize)
            let doomed = rows.filter { row in
                min(row.eventAt, row.firstSeenAt + Analyzer.futureTolerance) < time && !kept.contains(row.dedupeKey)
            }.map(\.id)
            try await unit.deleteItems(doomed)
            let passed = rows.allSatisfy { $0.firstSeenAt >= firstSeenBefore }
            return (passed ? nil : rows.last?.id, doomed.count)
        }
        return dated + datedAhead
    }

    /// Deletes one feed's items older than `time` but those `kept` names, a batch per transaction, after raising the
    /// time before which the feed forgot items.
    private func pruneItems(
        of feedID: Int64,
        olderThan time: Double,
        keeping kept: Set<String>,
        batchSize: Int,
        pause: Duration
    ) async throws(StoreError) -> Int {
        try await transaction { unit in try await unit.forgetItems(olderThan: time, feedID: feedID) }
        return try await inBatches(from: Int64(0), pause: pause) { unit, after in
            let rows = try await unit.items(feedID: feedID, olderThan: time, after: after, limit: batchSize)
            let doomed = rows.filter { !kept.contains($0.dedupeKey) }.map(\.id)
            try await unit.deleteItems(doomed)
            return (rows.last?.id, doomed.count)
        }
    }

    /// Runs `batch` in a transaction of its own from `start`, then from the cursor each returns, pausing between two,
    /// until one returns no cursor or the task is cancelled.
    ///
    /// - Returns: The rows the batches deleted.
    private func inBatches<Cursor: Sendable>(
        from start: Cursor,
        pause: Duration,
        _ batch: @escaping @Sendable (Unit, Cursor) async throws -> (next: Cursor?, deleted: Int)
    ) async throws(StoreError) -> Int {
        var cursor = start
        var deleted = 0
        while !Task.isCancelled {
            let after = cursor
            let (next, count) = try await transaction { unit in try await batch(unit, after) }
            deleted += count
            guard let next else { break }
            cursor = next
            try? await Task.sleep(for: pause)
        }
        return deleted
    }
}
