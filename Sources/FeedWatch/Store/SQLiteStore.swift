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

    public func syncFeeds(_ feeds: [FeedConfiguration], now: Date) throws(StoreError) -> [FeedRecord] {
        try write { db in
            var records: [FeedRecord] = []
            for feed in feeds {
                try db.execute(
                    sql: """
                        INSERT INTO feed (url, name, next_poll_at, created_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(url) DO UPDATE SET name = excluded.name
                        """,
                    arguments: [feed.url, feed.name, now.timeIntervalSince1970, now.timeIntervalSince1970]
                )
                if let row = try Row.fetchOne(db, sql: "SELECT * FROM feed WHERE url = ?", arguments: [feed.url]) {
                    records.append(Self.feedRecord(row))
                }
            }
            return records
        }
    }

    public func feeds() throws(StoreError) -> [FeedRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed ORDER BY id").map(Self.feedRecord)
        }
    }

    public func recordPoll(_ result: FetchResult, succeeded: Bool, error: String?, nextPollAt: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE feed SET etag = ?, last_modified = ?, last_status = ?, last_polled_at = ?,
                        next_poll_at = ?, last_error = ?,
                        last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END,
                        consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END
                    WHERE id = ?
                    """,
                arguments: [
                    result.validators.etag, result.validators.lastModified, result.status,
                    result.fetchedAt.timeIntervalSince1970, nextPollAt.timeIntervalSince1970, error,
                    succeeded, result.fetchedAt.timeIntervalSince1970, succeeded, result.feedID,
                ]
            )
        }
    }

    // MARK: - Items

    public func existingKeys(feedID: Int64, keys: [String]) throws(StoreError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[chunk..<min(chunk + 500, keys.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                var arguments: StatementArguments = [feedID]
                arguments += StatementArguments(slice)
                let rows = try String.fetchAll(
                    db,
                    sql: "SELECT dedupe_key FROM item WHERE feed_id = ? AND dedupe_key IN (\(marks))",
                    arguments: arguments
                )
                found.formUnion(rows)
            }
            return found
        }
    }

    public func isKnownElsewhere(feedID: Int64, dedupeKey: String?, contentHash: String) throws(StoreError) -> Bool {
        try read { db in
            if let dedupeKey,
                try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM item WHERE dedupe_key = ? AND feed_id != ?)",
                    arguments: [dedupeKey, feedID]
                ) == true
            {
                return true
            }
            return try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM item WHERE content_hash = ? AND feed_id != ?)",
                arguments: [contentHash, feedID]
            ) ?? false
        }
    }

    public func topicStates() throws(StoreError) -> [String: TopicState] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT topic_id, state FROM topic_state")
        }
        var states: [String: TopicState] = [:]
        for row in rows {
            let json: String = row["state"]
            guard let state = try? Self.decoder.decode(TopicState.self, from: Data(json.utf8)) else {
                throw StoreError(code: .corruptValue, database: path, message: "topic state of \(row["topic_id"] ?? "")")
            }
            states[state.topicID] = state
        }
        return states
    }

    @discardableResult
    public func ingest(_ item: AnalyzedItem, topicStates: [TopicState], alerts: [Alert], sinks: [String])
        throws(StoreError) -> Bool
    {
        let encodedStates = try topicStates.map { state throws(StoreError) in (state.topicID, try encode(state)) }
        let encodedAlerts = try alerts.map { alert throws(StoreError) in (alert, try encode(alert)) }
        let authors = try encode(item.item.authors)
        let categories = try encode(item.item.categories)
        return try write { db in
            let entry = item.item
            try db.execute(
                sql: """
                    INSERT INTO item (feed_id, dedupe_key, content_hash, guid, title, link, published_at, updated_at,
                        summary, content, authors, categories, event_at, first_seen_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(feed_id, dedupe_key) DO NOTHING
                    """,
                arguments: [
                    item.feed.id, item.dedupeKey, item.contentHash, entry.id, entry.title, entry.link,
                    entry.published?.timeIntervalSince1970, entry.updated?.timeIntervalSince1970, entry.summary,
                    entry.content, authors, categories, item.eventTime.timeIntervalSince1970,
                    item.firstSeen.timeIntervalSince1970,
                ]
            )
            guard db.changesCount > 0 else { return false }
            let itemID = db.lastInsertedRowID
            for (topicID, json) in encodedStates {
                try db.execute(
                    sql: """
                        INSERT INTO topic_state (topic_id, state, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(topic_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                        """,
                    arguments: [topicID, json, item.firstSeen.timeIntervalSince1970]
                )
            }
            for (alert, json) in encodedAlerts {
                try db.execute(
                    sql: """
                        INSERT INTO alert (id, topic_id, kind, event_at, created_at, item_id, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
                        """,
                    arguments: [
                        alert.id, alert.topic, alert.kind.rawValue, alert.at.timeIntervalSince1970,
                        alert.createdAt.timeIntervalSince1970, itemID, json,
                    ]
                )
                guard db.changesCount > 0 else { continue }
                for sink in sinks {
                    try db.execute(
                        sql: """
                            INSERT INTO delivery (alert_id, sink, state, attempts, next_attempt_at)
                            VALUES (?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING
                            """,
                        arguments: [alert.id, sink, alert.createdAt.timeIntervalSince1970]
                    )
                }
            }
            return true
        }
    }

    public func itemCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item") ?? 0 }
    }

    // MARK: - Outbox

    public func dueDeliveries(sink: String, now: Date, limit: Int) throws(StoreError) -> [PendingDelivery] {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT alert.payload, delivery.attempts, delivery.next_attempt_at
                    FROM delivery JOIN alert ON alert.id = delivery.alert_id
                    WHERE delivery.sink = ? AND delivery.state = 'pending'
                    ORDER BY alert.event_at, alert.rowid LIMIT ?
                    """,
                arguments: [sink, limit]
            )
        }
        var due: [PendingDelivery] = []
        for row in rows {
            let nextAttempt: Double = row["next_attempt_at"]
            guard nextAttempt <= now.timeIntervalSince1970 else { break }
            due.append(PendingDelivery(alert: try decodeAlert(row["payload"]), sink: sink, attempts: row["attempts"]))
        }
        return due
    }

    public func nextDeliveryDue(sinks: [String]) throws(StoreError) -> Date? {
        guard !sinks.isEmpty else { return nil }
        return try read { db in
            let marks = Array(repeating: "?", count: sinks.count).joined(separator: ",")
            return try Double.fetchOne(
                db,
                sql: "SELECT MIN(next_attempt_at) FROM delivery WHERE state = 'pending' AND sink IN (\(marks))",
                arguments: StatementArguments(sinks)
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func markDelivered(alertID: String, sink: String, at: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL
                    WHERE alert_id = ? AND sink = ?
                    """,
                arguments: [at.timeIntervalSince1970, alertID, sink]
            )
        }
    }

    public func markFailed(alertID: String, sink: String, error: String, retryAt: Date?) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?,
                        next_attempt_at = COALESCE(?, next_attempt_at)
                    WHERE alert_id = ? AND sink = ?
                    """,
                arguments: [retryAt == nil ? "dead" : "pending", error, retryAt?.timeIntervalSince1970, alertID, sink]
            )
        }
    }

    public func alerts(limit: Int) throws(StoreError) -> [Alert] {
        let payloads = try read { db in
            try String.fetchAll(
                db,
                sql: "SELECT payload FROM alert ORDER BY event_at DESC, created_at DESC, id LIMIT ?",
                arguments: [limit]
            )
        }
        return try payloads.map { payload throws(StoreError) in try decodeAlert(payload) }
    }

    public func deliveryStates(sink: String) throws(StoreError) -> [String: DeliveryState] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT alert_id, state FROM delivery WHERE sink = ?", arguments: [sink])
        }
        var states: [String: DeliveryState] = [:]
        for row in rows {
            let id: String = row["alert_id"]
            let state: String = row["state"]
            states[id] = DeliveryState(rawValue: state) ?? .pending
        }
        return states
    }

    // MARK: - Helpers

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

    private func decodeAlert(_ payload: String) throws(StoreError) -> Alert {
        do {
            return try Self.decoder.decode(Alert.self, from: Data(payload.utf8))
        } catch {
            throw StoreError(code: .corruptValue, database: path, message: "an alert payload: \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(code: .query, database: path, message: Self.describe(error))
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
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

    private static func feedRecord(_ row: Row) -> FeedRecord {
        func date(_ column: String) -> Date? {
            (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
        }
        return FeedRecord(
            id: row["id"],
            url: row["url"],
            name: row["name"],
            validators: ConditionalRequest(etag: row["etag"], lastModified: row["last_modified"]),
            nextPollAt: date("next_poll_at"),
            lastPolledAt: date("last_polled_at"),
            lastSuccessAt: date("last_success_at"),
            lastStatus: row["last_status"],
            lastError: row["last_error"],
            consecutiveFailures: row["consecutive_failures"]
        )
    }
}
