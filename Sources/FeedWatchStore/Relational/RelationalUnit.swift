import FeedWatchConfig
import FeedWatchCore
import Foundation

/// One open write transaction of a relational backend, in the backend's SQL: the statements that the algorithms
/// written once in ``RelationalStore`` (the feed sync, poll records, the ingest) run, each over a whole batch.
///
/// A backend's unit is its dialect: SQLite's (``SQLiteUnit``, GRDB on the writer connection) and PostgreSQL's
/// (``PostgresUnit``, postgres-nio) differ in SQL only, never in what they decide.
protocol RelationalUnit: RetentionUnit {
    /// Takes the lock that makes ingests serial across instances; a no-op where a single writer already is.
    func lockIngest() async throws

    /// Takes the lock that makes feed syncs serial across instances; a no-op where a single writer already is.
    func lockFeedSync() async throws

    /// Every stored feed.
    func storedFeeds() async throws -> [FeedRecord]

    /// Gives feeds new names, in order.
    func renameFeeds(_ renames: [(id: Int64, name: String?)]) async throws

    /// Inserts new feeds, due at `now`.
    ///
    /// - Returns: The feeds as stored, in the order given.
    func insertFeeds(_ feeds: [FeedConfiguration], now: Date) async throws -> [FeedRecord]

    /// Writes feeds' poll state as the records hold it and ends their claims; a relinked feed takes its new URL
    /// unless another stored feed already uses it (`url` is unique).
    func updateFeeds(_ feeds: [FeedRecord]) async throws

    /// Every stored topic's revision, by topic id.
    func topicRevisions() async throws -> [String: Int64]

    /// The stored states (JSON) and revisions of these topics.
    func topicStates(_ topicIDs: [String]) async throws -> [(topicID: String, json: String, revision: Int64)]

    /// Writes topic states (JSON), each with the time it was reached, raising each one's revision.
    ///
    /// - Returns: Each written topic's new revision.
    func saveTopicStates(_ states: [(topicID: String, json: String, at: Date)]) async throws -> [String: Int64]

    /// Inserts items in order, skipping those their feed already holds (or that appear twice in the batch), and
    /// says which of the inserted are copies: another feed held them before (stored earlier, or earlier in the
    /// batch), by content hash, or by dedupe key where the key is globally unique
    /// (``DedupeKey/isGloballyUnique(_:)``).
    ///
    /// - Returns: Each item's new id (rising in batch order) and whether it is a copy, or `nil` when it was not
    ///   inserted.
    func insertItems(_ items: [ItemRow]) async throws -> [IngestTransaction.Inserted?]

    /// Inserts alerts, in order, skipping those whose id is stored already.
    ///
    /// - Returns: The ids inserted.
    func insertAlerts(_ alerts: [AlertRow]) async throws -> Set<String>

    /// Queues pending deliveries; one already queued is kept.
    func insertDeliveries(_ deliveries: [DeliveryRow]) async throws
}

/// An item as the `item` table's columns hold it (and as PostgreSQL's batch insert reads it from JSON).
struct ItemRow: Encodable, Sendable {
    var ord: Int
    var feed_id: Int64
    var dedupe_key: String
    var content_hash: String
    var guid: String?
    var title: String?
    var link: String?
    var published_at: Double?
    var updated_at: Double?
    var summary: String?
    var content: String?
    var authors: String
    var categories: String
    var event_at: Double
    var first_seen_at: Double
}

/// An alert as the `alert` table's columns hold it.
struct AlertRow: Encodable, Sendable {
    var ord: Int
    var id: String
    var topic_id: String
    var kind: String
    var event_at: Double
    var created_at: Double
    var item_id: Int64?
    var payload: String
}

/// A pending delivery as the `delivery` table's columns hold it when it is queued.
struct DeliveryRow: Sendable {
    var alertID: String
    var sink: String
    var nextAttemptAt: Double
}
