/// Recognises, over a run of items in event-time order, which item is a copy or an update of an earlier one,
/// whatever topic it is about; `feedwatch analyze` reports it as `duplicate_of` or `update_of`.
///
/// Each article is kept as the sketch of its latest version (see ``StoryMatcher``); an update replaces it, so a
/// second update names the first.
///
/// ```swift
/// var index = ArticleIndex()
/// let relation = index.classify(StoryMatcher.textShingles(of: item), key: "id:urn:wire:1")
/// ```
public struct ArticleIndex: Sendable {
    /// How an item relates to an earlier article.
    public struct Relation: Sendable, Equatable {
        /// A copy or an update.
        public var revision: StoryMatcher.Revision
        /// The key of the earlier version.
        public var key: String
    }

    /// How copies and updates are recognised.
    public let matcher: StoryMatcher
    private var articles: [StoryArticle] = []

    /// Creates an empty index.
    ///
    /// - Parameter matcher: How copies and updates are recognised.
    public init(matcher: StoryMatcher = StoryMatcher()) {
        self.matcher = matcher
    }

    /// Compares an item with the articles seen so far and remembers it.
    ///
    /// - Parameters:
    ///   - shingles: The item's text shingles, from ``StoryMatcher/textShingles(of:)``.
    ///   - key: The item's key, named by later copies and updates.
    ///   - outlet: The item's feed: only the article's own outlet updates it (`nil` when unknown).
    /// - Returns: The article the item copies or updates, or `nil` when it is a new article.
    public mutating func classify(_ shingles: [UInt64], key: String, outlet: String? = nil) -> Relation? {
        var best: (index: Int, revision: StoryMatcher.Revision, score: Double)?
        for (index, article) in articles.enumerated() {
            let similarity = matcher.similarity(of: shingles, to: article.sketch)
            let sameOutlet = outlet == nil || article.outlet == nil || outlet == article.outlet
            guard let revision = matcher.revision(of: shingles, against: article.sketch, sameOutlet: sameOutlet) else {
                continue
            }
            let score = max(similarity.jaccard, similarity.containment)
            if best.map({ score > $0.score }) ?? true {
                best = (index, revision, score)
            }
        }
        guard let best else {
            articles.append(StoryArticle(id: key, key: key, sketch: matcher.sketch(shingles), outlet: outlet))
            return nil
        }
        let earlier = articles[best.index]
        if best.revision == .update {
            articles[best.index] = StoryArticle(
                id: earlier.id,
                key: key,
                sketch: matcher.sketch(shingles),
                outlet: outlet
            )
        }
        return Relation(revision: best.revision, key: earlier.key ?? earlier.id)
    }
}
