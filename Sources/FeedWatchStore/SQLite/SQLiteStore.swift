public import FeedWatchAnalysis
public import FeedWatchConfig
public import FeedWatchCore
public import Foundation
import GRDB

/// The embedded ``Store``: one SQLite file in WAL mode, through GRDB, with versioned migrations.
public final class SQLiteStore: Store {
    /// The database file's path.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Parameter path: The SQLite file; its folder is created if missing.
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public init(path: String) throws(StoreError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(code: .cannotOpen, database: path, message: Self.describe(error))
        }
        do {
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(code: .migration, database: path, message: Self.describe(error))
        }
    }

    // MARK: - Feeds

    public func syncFeeds(_ feeds: [FeedConfiguration], now: Date) async throws(StoreError) -> [FeedRecord] {
        try await write { db in
            // One read of the whole table, then writes only for what changed: a restart with thousands of feeds
            // costs one query, not two per feed.
            var stored: [String: FeedRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(Self.feedColumns) FROM feed") {
                let record = Self.feedRecord(row)
                stored[record.configuredURL] = record
            }
            let rename = try db.cachedStatement(sql: "UPDATE feed SET name = ? WHERE id = ?")
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO feed (url, configured_url, name, next_poll_at, created_at)
                    VALUES (?, ?, ?, ?, ?)
                    """
            )
            let inserted = try db.cachedStatement(sql: "SELECT \(Self.feedColumns) FROM feed WHERE id = ?")
            var records: [FeedRecord] = []
            for feed in feeds {
                if var existing = stored[feed.url] {
                    if existing.name != feed.name {
                        try rename.execute(arguments: [feed.name, existing.id])
                        existing.name = feed.name
                        stored[feed.url] = existing
                    }
                    records.append(existing)
                    continue
                }
                try insert.execute(arguments: [
                    feed.url, feed.url, feed.name, now.timeIntervalSince1970, now.timeIntervalSince1970,
                ])
                if let row = try Row.fetchOne(inserted, arguments: [db.lastInsertedRowID]) {
                    let record = Self.feedRecord(row)
                    stored[feed.url] = record
                    records.append(record)
                }
            }
            return records
        }
    }

    public func feeds() async throws(StoreError) -> [FeedRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.feedColumns) FROM feed ORDER BY id").map(Self.feedRecord)
        }
    }

    public func recordPoll(_ feed: FeedRecord, alerts: [Alert], sinks: AlertRouting) async throws(StoreError) {
        try await recordPolls([(feed, alerts)], sinks: sinks)
    }

    public func recordPolls(_ polls: [(feed: FeedRecord, alerts: [Alert])], sinks: AlertRouting)
        async throws(StoreError)
    {
        guard !polls.isEmpty else { return }
        try await write { db in
            for (feed, alerts) in polls {
                try Self.update(feed, in: db)
                for alert in alerts {
                    try Self.insert(alert, json: try self.encode(alert), itemID: nil, sinks: sinks, in: db)
                }
            }
        }
    }

    private static func update(_ feed: FeedRecord, in db: Database) throws {
        // A relink never takes a URL another stored feed already uses (`url` is unique).
        let statement = try db.cachedStatement(
            sql: """
                UPDATE feed SET
                    url = CASE WHEN EXISTS (SELECT 1 FROM feed AS other WHERE other.url = ? AND other.id != ?)
                        THEN url ELSE ? END,
                    etag = ?, last_modified = ?, last_status = ?, last_polled_at = ?, next_poll_at = ?,
                    last_error = ?, last_success_at = ?, consecutive_failures = ?, failing_since = ?,
                    failing_alerted = ?, retired_at = ?, relink_target = ?, relink_count = ?,
                    last_new_item_at = ?, update_interval = ?, ttl = ?, claimed_by = NULL, lease_until = NULL
                WHERE id = ?
                """
        )
        try statement.execute(arguments: [
            feed.url, feed.id, feed.url,
            feed.validators.etag, feed.validators.lastModified, feed.lastStatus,
            feed.lastPolledAt?.timeIntervalSince1970, feed.nextPollAt?.timeIntervalSince1970,
            feed.lastError, feed.lastSuccessAt?.timeIntervalSince1970, feed.consecutiveFailures,
            feed.failingSince?.timeIntervalSince1970, feed.failingAlerted,
            feed.retiredAt?.timeIntervalSince1970, feed.relinkTarget, feed.relinkCount,
            feed.lastNewItemAt?.timeIntervalSince1970, feed.updateInterval, feed.ttl, feed.id,
        ])
    }

    // MARK: - Items

    public func existingKeys(feedID: Int64, keys: [String]) async throws(StoreError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try await read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[chunk..<min(chunk + 500, keys.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                var arguments: StatementArguments = [feedID]
                arguments += StatementArguments(slice)
                // Cached by its text, so feeds with the same number of items share one compiled statement.
                let statement = try db.cachedStatement(
                    sql: "SELECT dedupe_key FROM item WHERE feed_id = ? AND dedupe_key IN (\(marks))"
                )
                let rows = try String.fetchAll(statement, arguments: arguments)
                found.formUnion(rows)
            }
            return found
        }
    }

    public func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) async throws(StoreError)
        -> Bool
    {
        try await read { db in
            try Self.isKnownElsewhere(feedID: feedID, dedupeKey: dedupeKey, contentHash: contentHash, in: db)
        }
    }

    private static func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String, in db: Database)
        throws -> Bool
    {
        if let dedupeKey {
            let statement = try db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM item WHERE dedupe_key = ? AND feed_id != ?)"
            )
            if try Bool.fetchOne(statement, arguments: [dedupeKey, feedID]) == true { return true }
        }
        let statement = try db.cachedStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM item WHERE content_hash = ? AND feed_id != ?)"
        )
        return try Bool.fetchOne(statement, arguments: [contentHash, feedID]) ?? false
    }

    /// Which newly inserted items are copies: another feed held the same globally unique dedupe key or the same
    /// content hash before them (stored earlier, or earlier in the batch: ids rise in batch order), answered in one
    /// query for the batch.
    private func copies(_ items: [AnalyzedItem], ids: [Int64?], in db: Database) throws -> Set<Int64> {
        let inserted = ids.compactMap { $0 }
        guard !inserted.isEmpty else { return [] }
        let keyed = zip(items, ids).compactMap { item, id in DedupeKey.isGloballyUnique(item.dedupeKey) ? id : nil }
        let statement = try db.cachedStatement(
            sql: """
                SELECT i.id FROM item i
                WHERE i.id IN (SELECT value FROM json_each(?))
                    AND (EXISTS (SELECT 1 FROM item o
                            WHERE o.content_hash = i.content_hash AND o.feed_id != i.feed_id AND o.id < i.id)
                        OR (i.id IN (SELECT value FROM json_each(?)) AND EXISTS (SELECT 1 FROM item o
                            WHERE o.dedupe_key = i.dedupe_key AND o.feed_id != i.feed_id AND o.id < i.id)))
                """
        )
        return Set(try Int64.fetchAll(statement, arguments: [Self.jsonArray(inserted), Self.jsonArray(keyed)]))
    }

    /// A JSON array of ids, for `json_each`.
    private static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    public func topicStates() async throws(StoreError) -> [String: TopicState] {
        try await read { db in
            var states: [String: TopicState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT topic_id, state FROM topic_state") {
                let state = try self.topicState(row)
                states[state.topicID] = state
            }
            return states
        }
    }

    /// Decodes a `topic_state` row's JSON state.
    private func topicState(_ row: Row) throws(StoreError) -> TopicState {
        let json: String = row["state"]
        guard let state = try? Self.decoder.decode(TopicState.self, from: Data(json.utf8)) else {
            throw StoreError(code: .corruptValue, database: path, message: "topic state of \(row["topic_id"] ?? "")")
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
        let (inserted, replica) = try await write { db in
            var replica = start
            if replica.tracksRevisions { try self.refresh(&replica, in: db) }
            let ids = try items.map { item in try self.insertItem(item, in: db) }
            let (inserted, ledger, alerts) = IngestDecisions.run(
                items,
                ids: ids,
                copies: try self.copies(items, ids: ids, in: db),
                states: &replica.states,
                decide: decide
            )
            for (alert, itemID) in alerts {
                try Self.insert(alert, json: try self.encode(alert), itemID: itemID, sinks: sinks, in: db)
            }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO topic_state (topic_id, state, updated_at, revision) VALUES (?, ?, ?, 1)
                    ON CONFLICT(topic_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                        revision = topic_state.revision + 1
                    RETURNING revision
                    """
            )
            for (topicID, state, at) in ledger.changes {
                let revision = try Int64.fetchOne(
                    statement,
                    arguments: [topicID, try self.encode(state), at.timeIntervalSince1970]
                )
                replica.revisions[topicID] = revision
            }
            return (inserted, replica)
        }
        topics = replica
        return inserted
    }

    /// Reads again the topic states whose stored revision differs from the replica's.
    private func refresh(_ replica: inout TopicStateReplica, in db: Database) throws {
        let revisions = try Row.fetchAll(db, sql: "SELECT topic_id, revision FROM topic_state").map {
            (row: Row) -> (String, Int64) in (row["topic_id"], row["revision"])
        }
        let stale = replica.staleTopics(Dictionary(revisions, uniquingKeysWith: { first, _ in first }))
        guard !stale.isEmpty else { return }
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT topic_id, state, revision FROM topic_state WHERE topic_id IN (SELECT value FROM json_each(?))",
            arguments: [try encode(stale)]
        )
        replica.refresh(
            try rows.map { row in (try topicState(row), row["revision"]) }
        )
    }

    public func pendingDeliveryCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery WHERE state = 'pending'") ?? 0 }
    }

    public func checkHealth() async throws(StoreError) {
        try await write { db in try db.execute(sql: "SELECT 1") }
    }

    /// Inserts an item unless its feed holds it already; returns its row id when inserted.
    private func insertItem(_ item: AnalyzedItem, in db: Database) throws -> Int64? {
        let entry = item.item
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO item (feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
                    summary, content, authors, categories, event_at, first_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(feed_id, dedupe_key) DO NOTHING
                """
        )
        try statement.execute(arguments: [
            item.feed.id, item.dedupeKey, item.contentHash, entry.id, entry.title, entry.link,
            entry.published?.timeIntervalSince1970, entry.updated?.timeIntervalSince1970, entry.summary,
            entry.content, entry.authors.isEmpty ? "[]" : try encode(entry.authors),
            entry.categories.isEmpty ? "[]" : try encode(entry.categories),
            item.eventTime.timeIntervalSince1970, item.firstSeen.timeIntervalSince1970,
        ])
        return db.changesCount > 0 ? db.lastInsertedRowID : nil
    }

    public func itemCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item") ?? 0 }
    }

    // MARK: - Outbox

    public func pendingDeliveries(sink: String, limit: Int) async throws(StoreError) -> [PendingDelivery] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT alert.payload, delivery.attempts, delivery.next_attempt_at
                    FROM delivery JOIN alert ON alert.id = delivery.alert_id
                    WHERE delivery.sink = ? AND delivery.state = 'pending'
                    ORDER BY alert.event_at, alert.rowid LIMIT ?
                    """,
                arguments: [sink, limit]
            ).map { row in
                PendingDelivery(
                    alert: try self.decodeAlert(row["payload"]),
                    sink: sink,
                    attempts: row["attempts"],
                    nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"])
                )
            }
        }
    }

    public func lastDeliveredAt(sink: String, topics: [String]) async throws(StoreError) -> [String: Date] {
        guard !topics.isEmpty else { return [:] }
        return try await read { db in
            let marks = Array(repeating: "?", count: topics.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT alert.topic_id, MAX(delivery.delivered_at) AS last
                    FROM delivery JOIN alert ON alert.id = delivery.alert_id
                    WHERE delivery.sink = ? AND delivery.state = 'delivered' AND alert.topic_id IN (\(marks))
                    GROUP BY alert.topic_id
                    """,
                arguments: StatementArguments([sink] + topics)
            )
            var last: [String: Date] = [:]
            for row in rows {
                if let time = row["last"] as Double? { last[row["topic_id"]] = Date(timeIntervalSince1970: time) }
            }
            return last
        }
    }

    public func nextDeliveryDue(sinks: [String]) async throws(StoreError) -> Date? {
        guard !sinks.isEmpty else { return nil }
        return try await read { db in
            let marks = Array(repeating: "?", count: sinks.count).joined(separator: ",")
            return try Double.fetchOne(
                db,
                sql: "SELECT MIN(next_attempt_at) FROM delivery WHERE state = 'pending' AND sink IN (\(marks))",
                arguments: StatementArguments(sinks)
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func markDelivered(alertIDs: [String], sink: String, at: Date) async throws(StoreError) {
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE delivery SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL
                    WHERE alert_id = ? AND sink = ?
                    """
            )
            for alertID in alertIDs {
                try statement.execute(arguments: [at.timeIntervalSince1970, alertID, sink])
            }
        }
    }

    public func markFailed(alertIDs: [String], sink: String, error: String, retryAt: Date?) async throws(StoreError) {
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?,
                        next_attempt_at = COALESCE(?, next_attempt_at)
                    WHERE alert_id = ? AND sink = ?
                    """
            )
            for alertID in alertIDs {
                try statement.execute(
                    arguments: [
                        retryAt == nil ? "dead" : "pending", error, retryAt?.timeIntervalSince1970, alertID, sink,
                    ]
                )
            }
        }
    }

    public func alerts(limit: Int) async throws(StoreError) -> [Alert] {
        let payloads = try await read { db in
            try String.fetchAll(
                db,
                sql: "SELECT payload FROM alert ORDER BY event_at DESC, created_at DESC, id LIMIT ?",
                arguments: [limit]
            )
        }
        return try payloads.map { payload throws(StoreError) in try decodeAlert(payload) }
    }

    public func deliveryStates(sink: String) async throws(StoreError) -> [String: DeliveryState] {
        try await read { db in
            var states: [String: DeliveryState] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT alert_id, state FROM delivery WHERE sink = ?",
                arguments: [sink]
            ) {
                let id: String = row["alert_id"]
                let state: String = row["state"]
                states[id] = DeliveryState(rawValue: state) ?? .pending
            }
            return states
        }
    }

    // MARK: - Helpers

    /// Inserts an alert (unless its id is stored already) and one pending delivery per sink it is routed to.
    private static func insert(_ alert: Alert, json: String, itemID: Int64?, sinks: AlertRouting, in db: Database)
        throws
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO alert (id, topic_id, kind, event_at, created_at, item_id, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                """
        ).execute(
            arguments: [
                alert.id, alert.topic, alert.kind.rawValue, alert.at.timeIntervalSince1970,
                alert.createdAt.timeIntervalSince1970, itemID, json,
            ]
        )
        guard db.changesCount > 0 else { return }
        for sink in sinks.sinks(for: alert) {
            try db.execute(
                sql: """
                    INSERT INTO delivery (alert_id, sink, state, attempts, next_attempt_at)
                    VALUES (?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [alert.id, sink, alert.createdAt.timeIntervalSince1970]
            )
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    private func encode(_ value: some Encodable) throws(StoreError) -> String {
        do {
            return String(decoding: try Self.encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(code: .corruptValue, database: path, message: "cannot encode a value: \(error)")
        }
    }

    func decodeAlert(_ payload: String) throws(StoreError) -> Alert {
        do {
            return try Self.decoder.decode(Alert.self, from: Data(payload.utf8))
        } catch {
            throw StoreError(code: .corruptValue, database: path, message: "an alert payload: \(error)")
        }
    }

    /// Runs `body` in a read transaction of a reader connection, on GRDB's queue: the caller suspends meanwhile.
    ///
    /// GRDB's callback interface rather than its `async` one, so a store call runs to its end even when the caller
    /// is cancelled (a graceful shutdown cancels the poll cycle, never a transaction), as PostgreSQL's do.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pool.asyncRead { db in
                    continuation.resume(with: Result { try body(db.get()) })
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: path, message: Self.describe(error))
        }
    }

    /// Runs `body` in one write transaction on GRDB's writer queue: the caller suspends meanwhile (see ``read(_:)``).
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pool.asyncWrite(body) { _, result in continuation.resume(with: result) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .query, database: path, message: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error)"
        }
        return "\(error)"
    }

    /// The feed columns ``feedRecord(_:)`` reads, in the order it reads them by position: looking columns up by
    /// name costs more than the query itself when thousands of feeds load at start-up.
    static let feedColumns = """
        id, url, name, etag, last_modified, next_poll_at, last_polled_at, last_success_at, last_status, last_error,
        consecutive_failures, configured_url, failing_since, failing_alerted, retired_at, relink_target, relink_count,
        last_new_item_at, update_interval, ttl
        """

    static func feedRecord(_ row: Row) -> FeedRecord {
        func date(_ index: Int) -> Date? {
            (row[index] as Double?).map(Date.init(timeIntervalSince1970:))
        }
        return FeedRecord(
            id: row[0],
            url: row[1],
            name: row[2],
            validators: ConditionalRequest(etag: row[3], lastModified: row[4]),
            nextPollAt: date(5),
            lastPolledAt: date(6),
            lastSuccessAt: date(7),
            lastStatus: row[8],
            lastError: row[9],
            consecutiveFailures: row[10],
            configuredURL: row[11],
            failingSince: date(12),
            failingAlerted: row[13],
            retiredAt: date(14),
            relinkTarget: row[15],
            relinkCount: row[16],
            lastNewItemAt: date(17),
            updateInterval: row[18],
            ttl: row[19]
        )
    }
}
