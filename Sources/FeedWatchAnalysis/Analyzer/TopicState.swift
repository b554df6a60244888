public import Foundation

/// What feedwatch remembers about one topic between items: its status and its recent stories.
///
/// The store persists it as an opaque value, written in the same transaction as the item that changed it.
public struct TopicState: Sendable, Equatable, Codable {
    /// The topic's id.
    public var topicID: String
    /// The current status, `nil` before any item reported one.
    public var status: String?
    /// The event time of the item that set ``status``.
    public var statusAt: Date?
    /// The stories seen recently, oldest first.
    public var stories: [StoryState]
    /// The status held before ``status``, for hysteresis.
    public var previousStatus: String?
    /// New statuses reported by too few independent outlets so far, each with its reports.
    public var pending: [PendingStatus]
    /// The topic's coverage rate and its baseline, for surges.
    public var coverage: CoverageState
    /// The entities seen with the topic, for new actors.
    public var actors: ActorState
    /// The tone of the topic's coverage and its baseline, for tone shifts.
    public var tone: ToneState
    /// The event time of the first item the topic matched.
    public var firstAt: Date?
    /// The topic's document frequencies, for clustering its items into stories.
    public var vocabulary: StoryVocabulary

    /// Creates the state of a topic that has seen nothing yet.
    ///
    /// - Parameters:
    ///   - topicID: The topic's id.
    ///   - status: The current status.
    ///   - statusAt: The event time of the item that set the status.
    ///   - stories: The recent stories.
    public init(topicID: String, status: String? = nil, statusAt: Date? = nil, stories: [StoryState] = []) {
        self.topicID = topicID
        self.status = status
        self.statusAt = statusAt
        self.stories = stories
        self.previousStatus = nil
        self.pending = []
        self.coverage = CoverageState()
        self.actors = ActorState()
        self.tone = ToneState()
        self.firstAt = nil
        self.vocabulary = StoryVocabulary()
    }

    private enum CodingKeys: String, CodingKey {
        case topicID, status, statusAt, stories, previousStatus, pending, coverage, actors, tone, firstAt, vocabulary
    }

    /// Decodes a state, giving the fields that older versions did not write their defaults.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when a field that every version writes is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        topicID = try container.decode(String.self, forKey: .topicID)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        statusAt = try container.decodeIfPresent(Date.self, forKey: .statusAt)
        stories = try container.decodeIfPresent([StoryState].self, forKey: .stories) ?? []
        previousStatus = try container.decodeIfPresent(String.self, forKey: .previousStatus)
        pending = try container.decodeIfPresent([PendingStatus].self, forKey: .pending) ?? []
        coverage = try container.decodeIfPresent(CoverageState.self, forKey: .coverage) ?? CoverageState()
        actors = try container.decodeIfPresent(ActorState.self, forKey: .actors) ?? ActorState()
        tone = try container.decodeIfPresent(ToneState.self, forKey: .tone) ?? ToneState()
        firstAt = try container.decodeIfPresent(Date.self, forKey: .firstAt)
        vocabulary = try container.decodeIfPresent(StoryVocabulary.self, forKey: .vocabulary) ?? StoryVocabulary()
    }
}

/// One story (a cluster of items about one event) of a topic.
public struct StoryState: Sendable, Equatable, Codable {
    /// The story's stable id (derived from its first item's dedupe key).
    public var id: String
    /// The headline of the story's first item.
    public var title: String?
    /// The event time of the story's first item.
    public var firstAt: Date
    /// The event time of the story's latest item.
    public var lastAt: Date
    /// How many distinct items joined the story.
    public var itemCount: Int
    /// The story's articles, oldest first (at most ``StoryMatcher/maximumArticles``), to recognise copies and
    /// updates.
    public var articles: [StoryArticle]
    /// The centroid of the story's articles' tf-idf vectors, to recognise other reports of its event; empty in
    /// states written before stories were clustered by wording.
    public var profile: TermVector
    /// How many articles the centroid was built from.
    public var profileCount: Int
    /// The story's tone: the mean VADER compound score of its items, `nil` in states written before tone existed.
    public var tone: Double?

    /// The sketch of the story's first article.
    public var shingles: [UInt64] {
        articles.first?.sketch ?? []
    }

    /// Creates a story.
    ///
    /// - Parameters:
    ///   - id: The story's stable id.
    ///   - title: The headline of its first item.
    ///   - firstAt: The event time of its first item.
    ///   - lastAt: The event time of its latest item.
    ///   - itemCount: How many distinct items joined it.
    ///   - shingles: The sketch of its first article, whose id is the story's.
    ///   - profile: The centroid of its articles' vectors.
    ///   - tone: The mean tone of its items.
    public init(
        id: String,
        title: String?,
        firstAt: Date,
        lastAt: Date,
        itemCount: Int,
        shingles: [UInt64],
        profile: TermVector = TermVector(),
        tone: Double? = nil
    ) {
        self.id = id
        self.title = title
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.itemCount = itemCount
        self.articles = [StoryArticle(id: id, key: nil, sketch: shingles)]
        self.profile = profile
        self.profileCount = profile.isEmpty ? 0 : 1
        self.tone = tone
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, firstAt, lastAt, itemCount, articles, shingles, profile, profileCount, tone
    }

    /// Decodes a story; a state written before articles were kept gives one article, the first item's sketch.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when a field every version writes is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        firstAt = try container.decode(Date.self, forKey: .firstAt)
        lastAt = try container.decode(Date.self, forKey: .lastAt)
        itemCount = try container.decode(Int.self, forKey: .itemCount)
        if let articles = try container.decodeIfPresent([StoryArticle].self, forKey: .articles) {
            self.articles = articles
        } else {
            let sketch = try container.decodeIfPresent([UInt64].self, forKey: .shingles) ?? []
            articles = [StoryArticle(id: id, key: nil, sketch: sketch)]
        }
        profile = try container.decodeIfPresent(TermVector.self, forKey: .profile) ?? TermVector()
        profileCount = try container.decodeIfPresent(Int.self, forKey: .profileCount) ?? 0
        tone = try container.decodeIfPresent(Double.self, forKey: .tone)
    }

    /// Encodes the story (its articles, not the legacy `shingles` field).
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encode(firstAt, forKey: .firstAt)
        try container.encode(lastAt, forKey: .lastAt)
        try container.encode(itemCount, forKey: .itemCount)
        try container.encode(articles, forKey: .articles)
        try container.encode(profile, forKey: .profile)
        try container.encode(profileCount, forKey: .profileCount)
        try container.encodeIfPresent(tone, forKey: .tone)
    }
}
