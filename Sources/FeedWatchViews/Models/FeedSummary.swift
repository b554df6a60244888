public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

/// One feed at a glance, for `feedwatch feeds list`: configured feeds are listed before their first poll too, with
/// their names, and feeds the store still knows but the configuration no longer names come after them.
public struct FeedSummary: Sendable, Equatable, Encodable {
    /// The URL as configured.
    public var configuredURL: String
    /// The URL polled: the configured one, or where permanent redirects relinked it.
    public var url: String
    /// The configured display name.
    public var name: String?
    /// The configured tags.
    public var tags: [String]
    /// Whether the configuration names the feed (a removed feed is no longer polled).
    public var configured: Bool
    /// `new`, `ok`, `backing off until T`, `failing since T` or `retired at T`; `new` for a feed not polled yet.
    public var state: String
    /// When the feed was last polled; `nil` before its first poll.
    public var lastPolledAt: Date?
    /// The last HTTP status seen.
    public var lastStatus: Int?
    /// The last error, `nil` after a success.
    public var lastError: String?
    /// When a poll last found a new item.
    public var lastNewItemAt: Date?
    /// When the feed is next due; `nil` for a retired or removed feed, or one not polled yet (due at once).
    public var nextPollAt: Date?
    /// The validators kept for conditional requests (`etag`, `last-modified`).
    public var validators: [String]

    /// The configured feeds in the configuration's order, each with what the store knows of it (if anything),
    /// followed by the stored feeds the configuration no longer names.
    ///
    /// - Parameters:
    ///   - configured: The configuration's feeds.
    ///   - stored: The store's feed records.
    /// - Returns: One summary per feed.
    public static func list(configured: [FeedConfiguration], stored: [FeedRecord]) -> [FeedSummary] {
        var records: [String: FeedRecord] = [:]
        for record in stored { records[record.configuredURL] = record }
        var listed = Set<String>()
        var summaries: [FeedSummary] = []
        for feed in configured where listed.insert(feed.url).inserted {
            if let record = records[feed.url] {
                summaries.append(FeedSummary(record: record, configuration: feed))
            } else {
                summaries.append(
                    FeedSummary(
                        configuredURL: feed.url,
                        url: feed.url,
                        name: feed.name,
                        tags: feed.tags,
                        configured: true,
                        state: FeedRecord.State.new.description,
                        validators: []
                    )
                )
            }
        }
        for record in stored where !listed.contains(record.configuredURL) {
            summaries.append(FeedSummary(record: record, configuration: nil))
        }
        return summaries
    }

    private init(
        configuredURL: String,
        url: String,
        name: String?,
        tags: [String],
        configured: Bool,
        state: String,
        lastPolledAt: Date? = nil,
        lastStatus: Int? = nil,
        lastError: String? = nil,
        lastNewItemAt: Date? = nil,
        nextPollAt: Date? = nil,
        validators: [String]
    ) {
        self.configuredURL = configuredURL
        self.url = url
        self.name = name
        self.tags = tags
        self.configured = configured
        self.state = state
        self.lastPolledAt = lastPolledAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.lastNewItemAt = lastNewItemAt
        self.nextPollAt = nextPollAt
        self.validators = validators
    }

    private init(record: FeedRecord, configuration: FeedConfiguration?) {
        self.init(
            configuredURL: record.configuredURL,
            url: record.url,
            name: configuration?.name ?? record.name,
            tags: configuration?.tags ?? [],
            configured: configuration != nil,
            state: configuration == nil ? "removed from the configuration" : record.state.description,
            lastPolledAt: record.lastPolledAt,
            lastStatus: record.lastStatus,
            lastError: record.lastError,
            lastNewItemAt: record.lastNewItemAt,
            nextPollAt: configuration == nil || record.retiredAt != nil || record.lastPolledAt == nil
                ? nil : record.nextPollAt,
            validators: [
                record.validators.etag == nil ? nil : "etag",
                record.validators.lastModified == nil ? nil : "last-modified",
            ].compactMap { $0 }
        )
    }
}
