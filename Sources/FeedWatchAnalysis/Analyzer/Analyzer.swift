public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

/// The analysis stage: decides which topics an item belongs to and what it says about them, then turns items into
/// topic state changes and alerts.
///
/// ``analyze(_:feed:firstSeen:)`` is pure and may run on any thread;
/// ``detectChanges(for:topic:state:raiseAlerts:now:)`` orders everything by event time, never wall time, so
/// replaying the same items gives the same state and the same alert ids.
public struct Analyzer: Sendable {
    /// One topic with its queries compiled and its preset resolved.
    struct CompiledTopic: Sendable {
        var configuration: TopicConfiguration
        var match: TopicQuery
        var exclude: TopicQuery?
        var detector: StatusDetector?
        var aliases: TopicAliases
        /// Whether the topic's `entity:` scopes must see its aliases.
        var scopesAliases: Bool
    }

    /// How many tokens of an item's summary (else content) are searched for a topic's aliases, after its headline.
    public static let aliasTokenLimit = 250

    /// How far past its first-seen time an item's event time is trusted when ordering state changes, in seconds.
    ///
    /// A feed that dates an item in the future would otherwise prune every story and block every status change
    /// until that date; such an item is ordered as if it happened one day after it was first seen.
    public static let futureTolerance: TimeInterval = 86_400

    /// The configured topics, in configuration order.
    public let topics: [TopicConfiguration]
    /// How copies and updates of one article are recognised.
    public let storyMatcher: StoryMatcher
    /// How other reports of one event are grouped into its story.
    public let storyClusterer: StoryClusterer
    /// Finds the entities of matching items; each topic's aliases are applied afterwards (see ``TopicMatch/entities``).
    public let entityExtractor: EntityExtractor
    let compiled: [CompiledTopic]
    let compiledIndex: [String: Int]
    /// Whether some topic's query has an `entity:` scope, so entities are extracted before matching.
    let usesEntities: Bool
    /// Whether some topic has aliases.
    let hasAliases: Bool

    /// Compiles the topics' queries and resolves their status presets.
    ///
    /// - Parameters:
    ///   - topics: The topics to track.
    ///   - storyMatcher: How copies and updates of one article are recognised.
    ///   - storyClusterer: How other reports of one event are grouped into its story.
    /// - Throws: An ``AnalysisError`` naming the topic and its location: ``AnalysisError/Code/invalidQuery`` for a
    ///   syntax error in a `match` or `exclude` query, ``AnalysisError/Code/unknownStatusPreset`` for a status
    ///   preset that does not exist, ``AnalysisError/Code/duplicateTopic`` for an id used twice.
    public init(
        topics: [TopicConfiguration],
        storyMatcher: StoryMatcher = StoryMatcher(),
        storyClusterer: StoryClusterer = StoryClusterer()
    ) throws(AnalysisError) {
        var compiled: [CompiledTopic] = []
        var index: [String: Int] = [:]
        for topic in topics {
            if let previous = index[topic.id] {
                let earlier = compiled[previous].configuration.location.map { " (first defined at \($0))" } ?? ""
                throw AnalysisError(
                    code: .duplicateTopic,
                    message: "another topic already uses this id\(earlier); give each topic a unique id",
                    topic: topic.id,
                    location: topic.location
                )
            }
            index[topic.id] = compiled.count
            compiled.append(try Self.compile(topic))
        }
        self.topics = topics
        self.storyMatcher = storyMatcher
        self.storyClusterer = storyClusterer
        self.entityExtractor = EntityExtractor()
        self.compiled = compiled
        self.compiledIndex = index
        self.hasAliases = compiled.contains { !$0.aliases.isEmpty }
        self.usesEntities = compiled.contains { $0.match.usesEntities || ($0.exclude?.usesEntities ?? false) }
    }

    /// Analyzes one item: its identity, its event time, and what every matching topic finds in it.
    ///
    /// A topic matches when its `match` query matches the item's title, summary and content and its `exclude`
    /// query does not; its status is detected when it has a preset. Entities and tone (of the headline and
    /// summary) are computed only when some topic matched.
    ///
    /// - Parameters:
    ///   - item: The parsed item.
    ///   - feed: The feed it came from.
    ///   - firstSeen: When feedwatch first saw it.
    /// - Returns: The analyzed item; ``AnalyzedItem/matches`` holds only the topics that matched.
    public func analyze(_ item: FeedItem, feed: FeedReference, firstSeen: Date) -> AnalyzedItem {
        guard !compiled.isEmpty else {
            // No topic to match: the item needs only its keys, and the hash is built without tokenizing into strings.
            return Self.keyed(item, feed: feed, firstSeen: firstSeen, contentHash: DedupeKey.contentHash(for: item))
        }
        let title = TextNormalizer.scan(item.title ?? "")
        let summary = TextNormalizer.scan(item.summary ?? "")
        let content = TextNormalizer.scan(item.content ?? "")
        let titleTokens = title.tokens.map(\.text)
        let summaryTokens = summary.tokens.map(\.text)
        let contentTokens = content.tokens.map(\.text)
        let contentHash = DedupeKey.contentHash(title: titleTokens, summary: summaryTokens, content: contentTokens)
        var matches: [String: TopicMatch] = [:]
        var mentions: [EntityMention]? = usesEntities ? self.mentions(of: item) : nil
        let entities = mentions?.map(\.name)
        let lede = summaryTokens.isEmpty ? contentTokens : summaryTokens
        let aliasTokens = hasAliases ? titleTokens + lede.prefix(Self.aliasTokenLimit) : []
        if !compiled.isEmpty {
            let document = TopicQuery.Document(
                titleTokens + summaryTokens + contentTokens,
                title: titleTokens,
                entities: entities
            )
            var detections: [String: StatusDetector.Detection?] = [:]
            for topic in compiled {
                guard Self.matches(topic, document, entities: entities, aliasTokens: aliasTokens) else {
                    continue
                }
                var detection: StatusDetector.Detection?
                if let detector = topic.detector {
                    if let cached = detections[detector.identity] {
                        detection = cached
                    } else {
                        detection = detector.detect(title: title, body: [summary, content])
                        detections[detector.identity] = .some(detection)
                    }
                }
                matches[topic.configuration.id] = TopicMatch(
                    status: detection?.status,
                    cue: detection?.cue,
                    cueSentence: detection?.sentence,
                    statusInHeadline: detection?.inHeadline
                )
            }
        }
        var tone = 0.0
        if !matches.isEmpty {
            let allMentions = mentions ?? self.mentions(of: item)
            mentions = allMentions
            let found = allMentions.map(\.name)
            tone = Self.tone(of: item)
            for topic in compiled where !topic.aliases.isEmpty && matches[topic.configuration.id] != nil {
                matches[topic.configuration.id]?.entities = topic.aliases.apply(to: found, tokens: aliasTokens)
            }
        }
        var analyzed = Self.keyed(item, feed: feed, firstSeen: firstSeen, contentHash: contentHash)
        guard !matches.isEmpty else { return analyzed }
        analyzed.matches = matches
        analyzed.mentions = mentions ?? []
        analyzed.tone = tone
        analyzed.shingles = StoryMatcher.textShingles(
            title: titleTokens,
            summary: summaryTokens,
            content: contentTokens
        )
        analyzed.terms = StoryClusterer.frequencies(title: titleTokens, text: summaryTokens + contentTokens)
        return analyzed
    }

    /// An item with its keys and event time, matching no topic.
    private static func keyed(_ item: FeedItem, feed: FeedReference, firstSeen: Date, contentHash: String)
        -> AnalyzedItem
    {
        AnalyzedItem(
            feed: feed,
            item: item,
            dedupeKey: DedupeKey.key(for: item, contentHash: contentHash),
            contentHash: contentHash,
            eventTime: item.published ?? item.updated ?? firstSeen,
            firstSeen: firstSeen,
            matches: [:]
        )
    }

    private static func compile(_ topic: TopicConfiguration) throws(AnalysisError) -> CompiledTopic {
        do throws(AnalysisError) {
            let match = try TopicQuery(topic.match, role: "match query")
            let exclude = try topic.exclude.map { (query: String) throws(AnalysisError) -> TopicQuery in
                try TopicQuery(query, role: "exclude query")
            }
            var detector = try topic.status.map { (name: String) throws(AnalysisError) -> StatusDetector in
                try StatusDetector(presetNamed: name, extraObjects: topic.objects)
            }
            if !topic.states.isEmpty {
                detector = StatusDetector(preset: StatusPreset(name: "topic:" + topic.id, states: topic.states))
            }
            let aliases = TopicAliases(topic.aliases)
            return CompiledTopic(
                configuration: topic,
                match: match,
                exclude: exclude,
                detector: detector,
                aliases: aliases,
                scopesAliases: !aliases.isEmpty && (match.usesEntities || (exclude?.usesEntities ?? false))
            )
        } catch {
            var located = error
            located.topic = topic.id
            located.location = topic.location
            throw located
        }
    }
}
