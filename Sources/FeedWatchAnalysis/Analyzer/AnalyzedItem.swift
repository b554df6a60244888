public import FeedWatchCore
public import Foundation

/// An item after analysis: its identity for deduplication, its event time, and what each topic saw in it.
public struct AnalyzedItem: Sendable, Equatable {
    /// The feed the item came from.
    public var feed: FeedReference
    /// The parsed item.
    ///
    /// It is held in a shared box: items pass through several arrays on their way to the store, and copying the
    /// box costs one reference count where copying the item's fields would cost one per string and list.
    public var item: FeedItem {
        get { itemBox.value }
        set { itemBox = ItemBox(newValue) }
    }
    private var itemBox: ItemBox
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
    /// The people, organisations and places the item names, with their kinds and roles, in order of first
    /// mention; filled only when a topic matched.
    public var mentions: [EntityMention]
    /// The canonical names of ``mentions``, in order.
    public var entities: [String] { mentions.map(\.name) }
    /// The item's tone, the VADER compound score of its title and text (−1…1); `0` when no topic matched.
    public var tone: Double
    /// The item's article fingerprint (sorted, distinct word 3-shingle hashes of its summary and content, see
    /// ``StoryMatcher/textShingles(title:summary:content:)``), computed once when a topic matched so that each
    /// topic's change detection need not tokenise the item again; `nil` otherwise.
    public var shingles: [UInt64]?
    /// The item's term frequencies for story clustering (see ``StoryClusterer/frequencies(title:text:)``),
    /// computed once when a topic matched; `nil` otherwise.
    public var terms: TermVector?
    /// Whether the store already holds this item from another feed (a syndicated copy); set by the pipeline.
    /// A copy joins its story and counts towards nothing a second time.
    public var isCopy: Bool

    /// Creates an analyzed item.
    ///
    /// - Parameters:
    ///   - feed: The feed the item came from.
    ///   - item: The parsed item.
    ///   - dedupeKey: The deduplication key.
    ///   - contentHash: The hash of the normalised text.
    ///   - eventTime: When the item happened.
    ///   - firstSeen: When feedwatch first saw it.
    ///   - matches: What each matching topic found.
    ///   - mentions: The entities the item names.
    ///   - tone: The item's tone.
    ///   - shingles: The item's article fingerprint, if computed.
    ///   - terms: The item's term frequencies, if computed.
    ///   - isCopy: Whether it is a syndicated copy of an item stored from another feed.
    public init(
        feed: FeedReference,
        item: FeedItem,
        dedupeKey: String,
        contentHash: String,
        eventTime: Date,
        firstSeen: Date,
        matches: [String: TopicMatch],
        mentions: [EntityMention] = [],
        tone: Double = 0,
        shingles: [UInt64]? = nil,
        terms: TermVector? = nil,
        isCopy: Bool = false
    ) {
        self.feed = feed
        self.itemBox = ItemBox(item)
        self.dedupeKey = dedupeKey
        self.contentHash = contentHash
        self.eventTime = eventTime
        self.firstSeen = firstSeen
        self.matches = matches
        self.mentions = mentions
        self.tone = tone
        self.shingles = shingles
        self.terms = terms
        self.isCopy = isCopy
    }
}

/// An immutable, shared parsed item, compared by value.
private final class ItemBox: Sendable, Equatable {
    let value: FeedItem

    init(_ value: FeedItem) {
        self.value = value
    }

    static func == (lhs: ItemBox, rhs: ItemBox) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }
}

/// What one topic found in one item.
public struct TopicMatch: Sendable, Equatable, Codable {
    /// The status the item reports for the topic, if its preset's cue phrases say one.
    public var status: String?
    /// The cue phrase that decided ``status``, as written in the item, for evidence.
    public var cue: String?
    /// The sentence (or headline) holding ``cue``, as written.
    public var cueSentence: String?
    /// The entities the item names with the topic's aliases applied, when the topic has aliases; `nil` when they
    /// are the item's ``AnalyzedItem/entities``.
    public var entities: [String]?
    /// Whether the headline reports ``status`` as fact (a strong report, see ``StatusDetector/Detection``).
    public var statusInHeadline: Bool?

    /// Creates a topic match.
    ///
    /// - Parameters:
    ///   - status: The reported status.
    ///   - cue: The cue phrase that decided it.
    ///   - cueSentence: The sentence holding the cue.
    ///   - entities: The entities named, with the topic's aliases applied.
    ///   - statusInHeadline: Whether the headline reports the status as fact.
    public init(
        status: String? = nil,
        cue: String? = nil,
        cueSentence: String? = nil,
        entities: [String]? = nil,
        statusInHeadline: Bool? = nil
    ) {
        self.status = status
        self.cue = cue
        self.cueSentence = cueSentence
        self.entities = entities
        self.statusInHeadline = statusInHeadline
    }
}
