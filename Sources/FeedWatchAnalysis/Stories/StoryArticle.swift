/// One article of a story: one outlet's text, in its latest version, kept to recognise its copies and updates.
public struct StoryArticle: Sendable, Equatable, Codable {
    /// The article's stable id, derived from its first version's key; reports of one article are one report.
    public var id: String
    /// The dedupe key of the article's latest version, named by `update_of`; `nil` in states written before
    /// articles were kept.
    public var key: String?
    /// The bottom-k sketch of the latest version's text shingles (see ``StoryMatcher/sketch(_:)``).
    public var sketch: [UInt64]

    /// Creates an article.
    ///
    /// - Parameters:
    ///   - id: The article's stable id.
    ///   - key: The dedupe key of its latest version.
    ///   - sketch: The sketch of its latest version.
    public init(id: String, key: String?, sketch: [UInt64]) {
        self.id = id
        self.key = key
        self.sketch = sketch
    }
}
