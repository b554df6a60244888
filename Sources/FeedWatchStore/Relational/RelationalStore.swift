public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

/// A store over SQL: the backend opens transactions in its dialect (``RelationalUnit``); the feed sync, the poll
/// records, the alert insert and the ingest are written once, here, over them.
protocol RelationalStore: Store {
    /// The backend's unit of work.
    associatedtype Unit: RelationalUnit

    /// The database, as errors name it (never with a password).
    var database: String { get }

    /// The words of one of the backend's errors, for a ``StoreError``'s message.
    static func describe(_ error: any Error) -> String

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws. The transaction
    /// runs to its end even when the caller is cancelled.
    ///
    /// - Throws: ``StoreError``: `query` when a statement fails, or the `StoreError` that `body` throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Unit) async throws -> T) async throws(StoreError) -> T
}

extension RelationalStore {
    public func syncFeeds(_ feeds: [FeedConfiguration], now: Date) async throws(StoreError) -> [FeedRecord] {
        try await transaction { unit in
            // One read of the whole table, then writes only for what changed: a restart with thousands of feeds
            // costs a few statements, not two per feed.
            try await unit.lockFeedSync()
            var stored: [String: FeedRecord] = [:]
            for record in try await unit.storedFeeds() {
                stored[record.configuredURL] = record
            }
            var seen = Set<String>()
            let new = feeds.filter { stored[$0.url] == nil && seen.insert($0.url).inserted }
            for record in try await unit.insertFeeds(new, now: now) {
                stored[record.configuredURL] = record
            }
            var renames: [(id: Int64, name: String?)] = []
            var records: [FeedRecord] = []
            for feed in feeds {
                guard var existing = stored[feed.url] else { continue }
                if existing.name != feed.name {
                    renames.append((existing.id, feed.name))
                    existing.name = feed.name
                    stored[feed.url] = existing
                }
                records.append(existing)
            }
            try await unit.renameFeeds(renames)
            return records
        }
    }

    public func recordPolls(_ polls: [(feed: FeedRecord, alerts: [Alert])], sinks: AlertRouting)
        async throws(StoreError)
    {
        guard !polls.isEmpty else { return }
        let alerts = polls.flatMap { poll in poll.alerts.map { (alert: $0, itemID: Int64?.none) } }
        let feeds = polls.map(\.feed)
        let database = database
        try await transaction { unit in
            try await unit.updateFeeds(feeds)
            try await IngestTransaction(unit: unit, database: database, describe: Self.describe)
                .enqueue(alerts, sinks: sinks)
        }
    }

    public func ingest<T: Sendable>(_ body: @escaping @Sendable (IngestTransaction) async throws -> T)
        async throws(StoreError) -> T
    {
        let database = database
        return try await transaction { unit in
            // One ingest at a time across every instance, as SQLite's single writer does: "is this a copy?" and the
            // topic states are read from what earlier ingests committed, never raced.
            try await unit.lockIngest()
            return try await body(IngestTransaction(unit: unit, database: database, describe: Self.describe))
        }
    }

    /// Decodes a stored alert's JSON payload.
    func decodeAlert(_ payload: String) throws(StoreError) -> Alert {
        try StoreCoding.decode(Alert.self, from: payload, database: database, what: "an alert payload")
    }

    /// Decodes a `topic_state` row's JSON state.
    func topicState(_ json: String, topicID: String) throws(StoreError) -> TopicState {
        try StoreCoding.topicState(json, topicID: topicID, database: database)
    }
}
