/// One article of a story: one outlet's text, in its latest version, kept to recognise its copies and updates.
public struct StoryArticle: Sendable, Equatable, Codable {
    /// The article's stable id, derived from its first version's key; reports of one article are one report.
    public var id: String
    /// The dedupe key of the article's latest version, named by `update_of`; `nil` in states written before
    /// articles were kept.
    public var key: String?
    /// The bottom-k sketch of the latest version's text shingles (see ``StoryMatcher/sketch(_:)``).
    public var sketch: [UInt64]
    /// The feed that published it (its URL); `nil` in states written before it was kept. Only its own outlet can
    /// update an article: another outlet's longer version is a copy.
    public var outlet: String?

    /// Creates an article.
    ///
    /// - Parameters:
    ///   - id: The article's stable id.
    ///   - key: The dedupe key of its latest version.
    ///   - sketch: The sketch of its latest version.
    ///   - outlet: The feed that published it.
    public init(id: String, key: String?, sketch: [UInt64], outlet: String? = nil) {
        self.id = id
        self.key = key
        self.sketch = sketch
        self.outlet = outlet
    }
}
