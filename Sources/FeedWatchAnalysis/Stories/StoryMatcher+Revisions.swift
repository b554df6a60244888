public import FeedWatchCore

extension StoryMatcher {
    /// How an item relates to an article already seen.
    public enum Revision: String, Sendable, Equatable, Codable {
        /// The same article: a wire copy with a changed headline, an added dateline or a trimmed ending.
        case duplicate
        /// The same article revised by its outlet: a new lead or substantially more text.
        case update
    }

    /// The fewest new shingles an update adds (about ten new words); an added dateline adds fewer.
    public static let minimumNovelShingles = 10
    /// The smallest share of an update's shingles that are new.
    public static let minimumNovelShare = 0.15
    /// The smallest share of the earlier version's shingles an update keeps.
    public static let minimumRetainedShare = 0.6

    /// Whether an item is a copy or an update of an earlier article, judged on their text (headlines excluded,
    /// see ``textShingles(title:summary:content:)``).
    ///
    /// The item is the same article when ``isSameStory(_:)`` holds. It is an *update* when it comes from the
    /// article's own outlet, keeps at least ``minimumRetainedShare`` of the earlier text and adds new text: at
    /// least ``minimumNovelShare`` of its own shingles and at least ``minimumNovelShingles`` of them, estimated
    /// from the sketch. Otherwise it is a *duplicate*: a copy, a trimmed copy, one with an added dateline, or
    /// another outlet's version with lines of its own (syndication, which counts as that outlet's coverage).
    ///
    /// - Parameters:
    ///   - shingles: The item's sorted, distinct text shingles.
    ///   - sketch: The earlier article's sketch.
    ///   - sameOutlet: Whether the item comes from the outlet that published the earlier article (`true` when
    ///     unknown).
    /// - Returns: `.duplicate`, `.update`, or `nil` when the item is another article.
    public func revision(of shingles: [UInt64], against sketch: [UInt64], sameOutlet: Bool = true) -> Revision? {
        let similarity = similarity(of: shingles, to: sketch)
        guard isSameStory(similarity), similarity.sampled > 0, !sketch.isEmpty else {
            return nil
        }
        let novelShare = Double(similarity.sampled - similarity.shared) / Double(similarity.sampled)
        let novelCount = novelShare * Double(shingles.count)
        let retainedShare = Double(similarity.shared) / Double(sketch.count)
        let isUpdate =
            sameOutlet && retainedShare >= Self.minimumRetainedShare && novelShare >= Self.minimumNovelShare
            && novelCount >= Double(Self.minimumNovelShingles)
        return isUpdate ? .update : .duplicate
    }

    /// The text shingles an article is recognised by: those of its summary and content, or of its headline when
    /// it has no text, so a copy under a new headline is still the same article.
    ///
    /// - Parameters:
    ///   - title: The headline's tokens.
    ///   - summary: The summary's tokens.
    ///   - content: The content's tokens.
    /// - Returns: Sorted, distinct hashes from ``shingles(_:)``.
    public static func textShingles(title: [String], summary: [String], content: [String]) -> [UInt64] {
        let text = summary + content
        return shingles(text.isEmpty ? title : text)
    }

    /// The text shingles of a parsed item (see ``textShingles(title:summary:content:)``).
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: Sorted, distinct hashes.
    public static func textShingles(of item: FeedItem) -> [UInt64] {
        textShingles(
            title: TextNormalizer.tokens(item.title ?? ""),
            summary: TextNormalizer.tokens(item.summary ?? ""),
            content: TextNormalizer.tokens(item.content ?? "")
        )
    }
}
