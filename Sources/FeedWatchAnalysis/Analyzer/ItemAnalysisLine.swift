import FeedWatchCore
public import Foundation

/// One line of `feedwatch analyze`: what analysis found in an item, for every topic it matched, and the earlier
/// item it copies (`duplicate_of`) or revises (`update_of`).
public struct ItemAnalysisLine: Encodable, Sendable {
    /// What one topic found in the item.
    public struct Match: Encodable, Sendable {
        public var status: String?
        public var cue: String?
        public var cueSentence: String?
        public var entities: [String]?
        /// Why the item matched: the words of the topic's query it holds.
        public var terms: [String]?

        enum CodingKeys: String, CodingKey {
            case status, cue, entities, terms
            case cueSentence = "cue_sentence"
        }
    }

    public var feed: String
    public var id: String?
    public var title: String?
    public var link: String?
    public var dedupeKey: String
    public var contentHash: String
    public var eventTime: Date
    public var entities: [String]
    public var tone: Double
    public var matches: [String: Match]
    public var duplicateOf: String?
    public var updateOf: String?

    enum CodingKeys: String, CodingKey {
        case feed, id, title, link
        case dedupeKey = "dedupe_key"
        case contentHash = "content_hash"
        case eventTime = "event_time"
        case entities, tone, matches
        case duplicateOf = "duplicate_of"
        case updateOf = "update_of"
    }

    /// Describes an analyzed item.
    ///
    /// - Parameters:
    ///   - item: The item, analyzed by `analyzer`.
    ///   - analyzer: The analyzer, for the item's entities.
    ///   - relation: The earlier item this one copies or revises, if any.
    public init(_ item: AnalyzedItem, analyzer: Analyzer, relation: ArticleIndex.Relation?) {
        feed = item.feed.displayName
        id = item.item.id
        title = item.item.title
        link = item.item.link
        dedupeKey = item.dedupeKey
        contentHash = item.contentHash
        eventTime = item.eventTime
        entities = analyzer.entities(of: item.item)
        tone = (Analyzer.tone(of: item.item) * 1000).rounded() / 1000
        let terms = Dictionary(
            analyzer.matchedTerms(of: item.item).map { ($0.topic, $0.terms) },
            uniquingKeysWith: { first, _ in first }
        )
        matches = item.matches.reduce(into: [:]) { lines, match in
            let (topic, found) = match
            lines[topic] = Match(
                status: found.status,
                cue: found.cue,
                cueSentence: found.cueSentence,
                entities: found.entities,
                terms: terms[topic]
            )
        }
        duplicateOf = relation?.revision == .duplicate ? relation?.key : nil
        updateOf = relation?.revision == .update ? relation?.key : nil
    }

    /// The line as one JSON object with sorted keys.
    public func json() -> String {
        (try? JSONLine.string(self)) ?? "{}"
    }
}

extension Analyzer {
    /// The analysis lines of items, in the order given: each names the earlier item (in event-time order) it copies
    /// or revises, as the story matcher's article index sees it.
    ///
    /// - Parameter items: Items analyzed by this analyzer.
    /// - Returns: One line per item.
    public func analysisLines(of items: [AnalyzedItem]) -> [ItemAnalysisLine] {
        var relations: [Int: ArticleIndex.Relation] = [:]
        var index = ArticleIndex()
        let chronological = items.indices.sorted { (items[$0].eventTime, $0) < (items[$1].eventTime, $1) }
        for position in chronological {
            let item = items[position]
            relations[position] = index.classify(
                StoryMatcher.textShingles(of: item.item),
                key: item.dedupeKey,
                outlet: item.feed.url
            )
        }
        return items.enumerated().map { position, item in
            ItemAnalysisLine(item, analyzer: self, relation: relations[position])
        }
    }
}
