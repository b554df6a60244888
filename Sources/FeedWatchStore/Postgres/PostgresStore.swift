public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation
public import Logging
import PostgresNIO

/// The shared ``Store``: a PostgreSQL database (through postgres-nio) that several feedwatch instances use at once.
///
/// It keeps ``SQLiteStore``'s schema and guarantees: an item, its topic states, its alerts and one delivery per sink
/// are written in one transaction; an alert id is stored once (a primary key), so two instances never raise the
/// same alert twice. Writes that read before they write (ingesting items, syncing feeds) hold a transaction-level
/// advisory lock, which makes them as serial as SQLite's single writer, across every instance.
///
/// Calls suspend their caller until PostgreSQL answers, and run to their end even when the caller is cancelled; see
/// ``PostgresConnectionPool``.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://feedwatch@127.0.0.1:5432/feedwatch")
/// let store = try PostgresStore(location: location, password: password, logger: logger)
/// ```
public final class PostgresStore: Store {
    /// The database, as shown in logs and errors (never with a password).
    public let database: String
    let pool: PostgresConnectionPool

    /// Connects to the database and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - location: The database.
    ///   - password: The role's password, when the server asks for one.
    ///   - connections: The most connections this store holds at once.
    ///   - logger: Where postgres-nio logs connection events.
    /// - Throws: ``StoreError`` with code `cannotOpen` when the server cannot be reached or refuses the login,
    ///   `migration` when the schema cannot be brought up to date.
    public init(
        location: PostgresLocation,
        password: String?,
        connections: Int = 4,
        logger: Logger = Logger(label: "feedwatch.postgres")
    ) async throws(StoreError) {
        database = location.description
        pool = try PostgresConnectionPool(location: location, password: password, size: connections, logger: logger)
        do {
            try await migrate()
        } catch {
            pool.close()
            throw error
        }
    }

    /// Closes the store's connections; later calls fail.
    public func close() {
        pool.close()
    }

    // MARK: - Feeds

    public func syncFeeds(_ feeds: [FeedConfiguration], now: Date) async throws(StoreError) -> [FeedRecord] {
        try await write { session in
            try await session.run("SELECT pg_advisory_xact_lock(\(Self.feedSyncLock))")
            var stored: [String: FeedRecord] = [:]
            for row in try await session.run(PostgresQuery(unsafeSQL: "SELECT \(SQLiteStore.feedColumns) FROM feed")) {
                let record = try Self.feedRecord(row)
                stored[record.configuredURL] = record
            }
            var records: [FeedRecord] = []
            for feed in feeds {
                if var existing = stored[feed.url] {
                    if existing.name != feed.name {
                        try await session.run("UPDATE feed SET name = \(feed.name) WHERE id = \(existing.id)")
                        existing.name = feed.name
                        stored[feed.url] = existing
                    }
                    records.append(existing)
                    continue
                }
                let seconds = now.timeIntervalSince1970
                var insert: PostgresQuery = """
                    INSERT INTO feed (url, configured_url, name, next_poll_at, created_at)
                    VALUES (\(feed.url), \(feed.url), \(feed.name), \(seconds), \(seconds))
                    """
                insert.sql += " RETURNING \(SQLiteStore.feedColumns)"
                if let row = try await session.run(insert).first {
                    let record = try Self.feedRecord(row)
                    stored[feed.url] = record
                    records.append(record)
                }
            }
            return records
        }
    }

    public func feeds() async throws(StoreError) -> [FeedRecord] {
        try await read { session in
            try await session.run(PostgresQuery(unsafeSQL: "SELECT \(SQLiteStore.feedColumns) FROM feed ORDER BY id"))
                .map(Self.feedRecord)
        }
    }

    public func recordPoll(_ feed: FeedRecord, alerts: [Alert], sinks: AlertRouting) async throws(StoreError) {
        try await recordPolls([(feed, alerts)], sinks: sinks)
    }

    public func recordPolls(_ polls: [(feed: FeedRecord, alerts: [Alert])], sinks: AlertRouting)
        async throws(StoreError)
    {
        guard !polls.isEmpty else { return }
        let encoded = try polls.map { poll throws(StoreError) in
            (poll.feed, try poll.alerts.map { alert throws(StoreError) in (alert, try encode(alert)) })
        }
        let document = try encode(polls.map { PolledFeedRow($0.feed) })
        try await write { session in
            // Every feed's poll state in one statement; then, one by one, the URLs of the few feeds relinked after
            // permanent redirects, so that two feeds moving to one URL keep `url` unique as they do on SQLite.
            try await session.run(
                """
                UPDATE feed SET etag = f.etag, last_modified = f.last_modified, last_status = f.last_status,
                    last_polled_at = f.last_polled_at, next_poll_at = f.next_poll_at, last_error = f.last_error,
                    last_success_at = f.last_success_at, consecutive_failures = f.consecutive_failures,
                    failing_since = f.failing_since, failing_alerted = f.failing_alerted, retired_at = f.retired_at,
                    relink_target = f.relink_target, relink_count = f.relink_count,
                    last_new_item_at = f.last_new_item_at, update_interval = f.update_interval, ttl = f.ttl,
                    claimed_by = NULL, lease_until = NULL
                FROM jsonb_to_recordset(\(document)::JSONB) AS f (id BIGINT, etag TEXT, last_modified TEXT,
                    last_status BIGINT, last_polled_at DOUBLE PRECISION, next_poll_at DOUBLE PRECISION,
                    last_error TEXT, last_success_at DOUBLE PRECISION, consecutive_failures BIGINT,
                    failing_since DOUBLE PRECISION, failing_alerted BOOLEAN, retired_at DOUBLE PRECISION,
                    relink_target TEXT, relink_count BIGINT, last_new_item_at DOUBLE PRECISION,
                    update_interval DOUBLE PRECISION, ttl DOUBLE PRECISION)
                WHERE feed.id = f.id
                """
            )
            for (feed, alerts) in encoded {
                if feed.url != feed.configuredURL { try await Self.relink(feed, in: session) }
                for (alert, json) in alerts {
                    try await Self.insert(alert, json: json, itemID: nil, sinks: sinks, in: session)
                }
            }
        }
    }

    /// Moves a relinked feed to its new URL, unless another stored feed already uses it (`url` is unique).
    private static func relink(_ feed: FeedRecord, in session: PostgresSession) async throws {
        try await session.run(
            """
            UPDATE feed SET url = \(feed.url) WHERE id = \(feed.id)
                AND NOT EXISTS (SELECT 1 FROM feed AS other WHERE other.url = \(feed.url) AND other.id != \(feed.id))
            """
        )
    }

    // MARK: - Items

    public func existingKeys(feedID: Int64, keys: [String]) async throws(StoreError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try await read { session in
            let rows = try await session.run(
                "SELECT dedupe_key FROM item WHERE feed_id = \(feedID) AND dedupe_key = ANY(\(keys))"
            )
            return Set(try rows.map { try $0.decode(String.self) })
        }
    }

    public func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) async throws(StoreError)
        -> Bool
    {
        try await read { session in
            try await Self.isKnownElsewhere(feedID: feedID, dedupeKey: dedupeKey, contentHash: contentHash, in: session)
        }
    }

    private static func isKnownElsewhere(
        feedID: Int64,
        dedupeKey: String?,
        contentHash: String,
        in session: PostgresSession
    ) async throws -> Bool {
        if let dedupeKey {
            let rows = try await session.run(
                "SELECT EXISTS (SELECT 1 FROM item WHERE dedupe_key = \(dedupeKey) AND feed_id != \(feedID))"
            )
            if try rows.first?.decode(Bool.self) == true { return true }
        }
        let rows = try await session.run(
            "SELECT EXISTS (SELECT 1 FROM item WHERE content_hash = \(contentHash) AND feed_id != \(feedID))"
        )
        return try rows.first?.decode(Bool.self) ?? false
    }

    public func topicStates() async throws(StoreError) -> [String: TopicState] {
        let rows = try await read { session in
            try await session.run("SELECT topic_id, state FROM topic_state").map {
                try $0.decode((String, String).self)
            }
        }
        var states: [String: TopicState] = [:]
        for (topicID, json) in rows {
            let state = try topicState(json, topicID: topicID)
            states[state.topicID] = state
        }
        return states
    }

    /// Decodes a `topic_state` row's JSON state.
    private func topicState(_ json: String, topicID: String) throws(StoreError) -> TopicState {
        guard let state = try? Self.decoder.decode(TopicState.self, from: Data(json.utf8)) else {
            throw StoreError(code: .corruptValue, database: database, message: "topic state of \(topicID)")
        }
        return state
    }

    public func ingest(
        _ items: [AnalyzedItem],
        sinks: AlertRouting,
        topics: inout TopicStateReplica,
        decide:
            @escaping @Sendable (_ item: AnalyzedItem, _ isCopy: Bool, _ states: inout [String: TopicState]) -> (
                topicStates: [TopicState], alerts: [Alert]
            )
    ) async throws(StoreError) -> [Bool] {
        guard !items.isEmpty else { return [] }
        let start = topics
        let (inserted, replica) = try await write { session in
            // One ingest at a time across every instance, as SQLite's single writer does: "is this a copy?" and the
            // topic states are read from what earlier ingests committed, never raced.
            try await session.run("SELECT pg_advisory_xact_lock(\(Self.ingestLock))")
            var replica = start
            if replica.tracksRevisions { try await self.refresh(&replica, in: session) }
            let ids = try await self.insertItems(items, in: session)
            let (inserted, ledger, alerts) = IngestDecisions.run(
                items,
                ids: ids,
                copies: try await self.copies(items, ids: ids, in: session),
                states: &replica.states,
                decide: decide
            )
            for (alert, itemID) in alerts {
                try await Self.insert(alert, json: try self.encode(alert), itemID: itemID, sinks: sinks, in: session)
            }
            for (topicID, state, at) in ledger.changes {
                let rows = try await session.run(
                    """
                    INSERT INTO topic_state (topic_id, state, updated_at, revision)
                    VALUES (\(topicID), \(try self.encode(state)), \(at.timeIntervalSince1970), 1)
                    ON CONFLICT (topic_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                        revision = topic_state.revision + 1
                    RETURNING revision
                    """
                )
                replica.revisions[topicID] = try rows.first?.decode(Int64.self)
            }
            return (inserted, replica)
        }
        topics = replica
        return inserted
    }

    /// Reads again the topic states whose stored revision differs from the replica's.
    private func refresh(_ replica: inout TopicStateReplica, in session: PostgresSession) async throws {
        let revisions = try await session.run("SELECT topic_id, revision FROM topic_state").map {
            try $0.decode((String, Int64).self)
        }
        let stale = replica.staleTopics(Dictionary(revisions, uniquingKeysWith: { first, _ in first }))
        guard !stale.isEmpty else { return }
        let rows = try await session.run(
            "SELECT topic_id, state, revision FROM topic_state WHERE topic_id = ANY(\(stale))"
        ).map { try $0.decode((String, String, Int64).self) }
        replica.refresh(
            try rows.map { topicID, json, revision in (try topicState(json, topicID: topicID), revision) }
        )
    }

    public func itemCount() async throws(StoreError) -> Int {
        try await read { session in try await session.run("SELECT COUNT(*) FROM item").first?.decode(Int.self) ?? 0 }
    }

    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try await read { session in
            try await session.run("SELECT COUNT(*) FROM delivery WHERE state = 'pending'").first?.decode(Int.self) ?? 0
        }
    }

    public func checkHealth() async throws(StoreError) {
        try await read { session in _ = try await session.run("SELECT 1") }
    }

    // MARK: - Helpers

    /// Inserts an alert (unless its id is stored already) and one pending delivery per sink it is routed to.
    static func insert(_ alert: Alert, json: String, itemID: Int64?, sinks: AlertRouting, in session: PostgresSession)
        async throws
    {
        let sinks = sinks.sinks(for: alert)
        let inserted = try await session.changes(
            """
            INSERT INTO alert (id, topic_id, kind, event_at, created_at, item_id, payload)
            VALUES (\(alert.id), \(alert.topic), \(alert.kind.rawValue), \(alert.at.timeIntervalSince1970),
                \(alert.createdAt.timeIntervalSince1970), \(itemID), \(json))
            ON CONFLICT (id) DO NOTHING
            """
        )
        guard inserted > 0, !sinks.isEmpty else { return }
        try await session.run(
            """
            INSERT INTO delivery (alert_id, sink, state, attempts, next_attempt_at)
            SELECT \(alert.id), sink, 'pending', 0, \(alert.createdAt.timeIntervalSince1970)
            FROM unnest(\(sinks)::TEXT[]) AS sink
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// The advisory lock key ingests hold ("feedwatch ingest", 63 bits).
    static let ingestLock: Int64 = 0x6665_6564_696E_6773
    /// The advisory lock key feed syncs hold ("feedwatch feeds", 63 bits).
    static let feedSyncLock: Int64 = 0x6665_6564_6665_6564

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    func encode(_ value: some Encodable) throws(StoreError) -> String {
        do {
            return String(decoding: try Self.encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(code: .corruptValue, database: database, message: "cannot encode a value: \(error)")
        }
    }

    func decodeAlert(_ payload: String) throws(StoreError) -> Alert {
        do {
            return try Self.decoder.decode(Alert.self, from: Data(payload.utf8))
        } catch {
            throw StoreError(code: .corruptValue, database: database, message: "an alert payload: \(error)")
        }
    }

    /// Runs `body` on a connection of its own, outside any explicit transaction (each statement commits alone).
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws(StoreError)
        -> T
    {
        try await run { session in try await body(session) }
    }

    /// Runs `body` in one transaction: all of its writes are committed together, or none is.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws(StoreError)
        -> T
    {
        try await run { session in try await session.transaction { try await body(session) } }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T)
        async throws(StoreError) -> T
    {
        do {
            return try await pool.withConnection(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: database, message: PostgresConnectionPool.describe(error))
        }
    }

    /// Reads a row of ``SQLiteStore/feedColumns`` by position.
    static func feedRecord(_ row: PostgresRow) throws -> FeedRecord {
        let row = row.makeRandomAccess()
        func date(_ index: Int) throws -> Date? {
            try row[index].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
        }
        return FeedRecord(
            id: try row[0].decode(Int64.self),
            url: try row[1].decode(String.self),
            name: try row[2].decode(String?.self),
            validators: ConditionalRequest(
                etag: try row[3].decode(String?.self),
                lastModified: try row[4].decode(String?.self)
            ),
            nextPollAt: try date(5),
            lastPolledAt: try date(6),
            lastSuccessAt: try date(7),
            lastStatus: try row[8].decode(Int?.self),
            lastError: try row[9].decode(String?.self),
            consecutiveFailures: try row[10].decode(Int.self),
            configuredURL: try row[11].decode(String?.self),
            failingSince: try date(12),
            failingAlerted: try row[13].decode(Bool.self),
            retiredAt: try date(14),
            relinkTarget: try row[15].decode(String?.self),
            relinkCount: try row[16].decode(Int.self),
            lastNewItemAt: try date(17),
            updateInterval: try row[18].decode(Double?.self),
            ttl: try row[19].decode(Double?.self)
        )
    }
}

/// A feed's poll state as one row of the JSON document ``PostgresStore/recordPolls(_:sinks:)`` sends, in the
/// `feed` table's columns.
private struct PolledFeedRow: Encodable {
    var id: Int64
    var etag: String?
    var last_modified: String?
    var last_status: Int?
    var last_polled_at: Double?
    var next_poll_at: Double?
    var last_error: String?
    var last_success_at: Double?
    var consecutive_failures: Int
    var failing_since: Double?
    var failing_alerted: Bool
    var retired_at: Double?
    var relink_target: String?
    var relink_count: Int
    var last_new_item_at: Double?
    var update_interval: Double?
    var ttl: Double?

    init(_ feed: FeedRecord) {
        id = feed.id
        etag = feed.validators.etag
        last_modified = feed.validators.lastModified
        last_status = feed.lastStatus
        last_polled_at = feed.lastPolledAt?.timeIntervalSince1970
        next_poll_at = feed.nextPollAt?.timeIntervalSince1970
        last_error = feed.lastError
        last_success_at = feed.lastSuccessAt?.timeIntervalSince1970
        consecutive_failures = feed.consecutiveFailures
        failing_since = feed.failingSince?.timeIntervalSince1970
        failing_alerted = feed.failingAlerted
        retired_at = feed.retiredAt?.timeIntervalSince1970
        relink_target = feed.relinkTarget
        relink_count = feed.relinkCount
        last_new_item_at = feed.lastNewItemAt?.timeIntervalSince1970
        update_interval = feed.updateInterval
        ttl = feed.ttl
    }
}
