public import Foundation

/// An item after analysis: its identity for deduplication, its event time, and what each topic saw in it.
public struct AnalyzedItem: Sendable, Equatable {
    /// The feed the item came from.
    public var feed: FeedReference
    /// The parsed item.
    public var item: FeedItem
    /// The key items are deduplicated by: the guid, else the canonical link, else a hash of the content.
    public var dedupeKey: String
    /// The item's identity across all feeds: the dedupe key where it names one item everywhere (see
    /// ``DedupeKey/isGloballyUnique(_:)``), else the feed's URL with the key, so two feeds' item `42` differ.
    public var globalKey: String {
        DedupeKey.isGloballyUnique(dedupeKey) ? dedupeKey : feed.url + " " + dedupeKey
    }

    /// A hash of the item's normalised title and text, to recognise verbatim copies under other ids.
    public var contentHash: String
    /// When the item happened: its published time, else its updated time, else ``firstSeen``.
    public var eventTime: Date
    /// When feedwatch first saw the item.
    public var firstSeen: Date
    /// What each matching topic found in the item, keyed by topic id; topics that did not match are absent.
    public var matches: [String: TopicMatch]

    /// Creates an analyzed item.
    public init(
        feed: FeedReference,
        item: FeedItem,
        dedupeKey: String,
        contentHash: String,
        eventTime: Date,
        firstSeen: Date,
        matches: [String: TopicMatch]
    ) {
        self.feed = feed
        self.item = item
        self.dedupeKey = dedupeKey
        self.contentHash = contentHash
        self.eventTime = eventTime
        self.firstSeen = firstSeen
        self.matches = matches
    }
}

/// What one topic found in one item.
public struct TopicMatch: Sendable, Equatable, Codable {
    /// The status the item reports for the topic, if its preset's cue phrases say one.
    public var status: String?
    /// The cue phrase that decided ``status``, as written in the item, for evidence.
    public var cue: String?

    /// Creates a topic match.
    public init(status: String? = nil, cue: String? = nil) {
        self.status = status
        self.cue = cue
    }
}
