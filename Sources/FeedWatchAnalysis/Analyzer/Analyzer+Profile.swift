public import FeedWatchCore

extension Analyzer {
    /// How much of an item's summary (else content) is read for its tone and entities, in characters: the lede,
    /// where news items put what they are about. Later paragraphs add cost, not signal.
    public static let ledeCharacterLimit = 1_200

    /// How much of the summary (else content) is read for tone, in characters: VADER scores sentences, and the
    /// headline with the first sentences carries an item's tone.
    public static let toneCharacterLimit = 400

    /// The entities an item names: its headline (unless in title case) and the lede of its summary and content,
    /// without any topic's aliases (see ``TopicMatch/entities`` for those).
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: Canonical entity names, each once, in order of first mention.
    public func entities(of item: FeedItem) -> [String] {
        mentions(of: item).map(\.name)
    }

    /// The entities an item names, as ``entities(of:)``, with the kind and role the text gives each.
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: The mentions, each name once, in order of first mention.
    public func mentions(of item: FeedItem) -> [EntityMention] {
        entityExtractor.mentions(title: item.title, body: [Self.lede(of: item)])
    }

    /// An item's tone: the VADER compound score of its headline and the first ``toneCharacterLimit`` characters of
    /// its summary (else its content).
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: The compound score, −1…1.
    public static func tone(of item: FeedItem) -> Double {
        let opening = lede(of: item, limit: toneCharacterLimit)
        return ToneScorer.compound([item.title, opening].compactMap { $0 }.joined(separator: ". "))
    }

    /// The first `limit` characters of the summary (else the content), cut at a space.
    static func lede(of item: FeedItem, limit: Int = ledeCharacterLimit) -> String {
        let text = item.summary ?? item.content ?? ""
        guard text.utf8.count > limit else {
            return text
        }
        let prefix = text.prefix(limit)
        guard let space = prefix.lastIndex(where: \.isWhitespace) else {
            return String(prefix)
        }
        return String(prefix[..<space])
    }
}
