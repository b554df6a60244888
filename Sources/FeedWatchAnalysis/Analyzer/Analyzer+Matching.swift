import FeedWatchConfig
public import FeedWatchCore

extension Analyzer {
    /// The topics an item matches, and nothing else: the same decision as ``analyze(_:feed:firstSeen:)`` (each
    /// topic's `match` query holds, its `exclude` query does not, aliases applied to `entity:` scopes) without the
    /// status, story and tone work, for views that count a topic's items over the stored ones.
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: The ids of the matching topics, in configuration order.
    public func matchingTopics(of item: FeedItem) -> [String] {
        matchedTerms(of: item).map(\.topic)
    }

    /// Why an item matches each topic it matches: the words of the topic's `match` query that the item holds (see
    /// ``TopicQuery/why(tokens:title:entities:)``), so `analyze` can say why, as `query` does.
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: Each matching topic's id with its matched words, in configuration order.
    public func matchedTerms(of item: FeedItem) -> [(topic: String, terms: [String])] {
        guard !compiled.isEmpty else { return [] }
        let titleTokens = TextNormalizer.tokens(item.title ?? "")
        let summaryTokens = TextNormalizer.tokens(item.summary ?? "")
        let contentTokens = TextNormalizer.tokens(item.content ?? "")
        let entities: [String]? = usesEntities ? self.entities(of: item) : nil
        let lede = summaryTokens.isEmpty ? contentTokens : summaryTokens
        let aliasTokens = hasAliases ? titleTokens + lede.prefix(Self.aliasTokenLimit) : []
        let document = TopicQuery.Document(
            titleTokens + summaryTokens + contentTokens,
            title: titleTokens,
            entities: entities
        )
        return compiled.compactMap { topic in
            guard Self.matches(topic, document, entities: entities, aliasTokens: aliasTokens) else { return nil }
            return (topic.configuration.id, topic.match.words(in: document))
        }
    }

    /// Whether a topic matches an item's document: its query and not its exclusion, with its aliases in the
    /// `entity:` scope when it has any (the one match decision `analyze` and ``matchingTopics(of:)`` share).
    static func matches(
        _ topic: CompiledTopic,
        _ document: TopicQuery.Document,
        entities: [String]?,
        aliasTokens: [String]
    ) -> Bool {
        var scoped = document
        if topic.scopesAliases, let found = entities {
            scoped = TopicQuery.Document(
                document.tokens,
                title: document.titleTokens,
                entities: topic.aliases.searchableNames(of: found, tokens: aliasTokens)
            )
        }
        return topic.match.matches(scoped) && !(topic.exclude?.matches(scoped) ?? false)
    }
}
