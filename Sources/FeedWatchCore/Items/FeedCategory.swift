/// A category, tag or keyword of a feed or item.
public struct FeedCategory: Sendable, Equatable, Hashable, Codable {
    /// The category itself (RSS `category` text, Atom `term`).
    public var term: String
    /// The categorization scheme or domain, when given.
    public var scheme: String?
    /// A human-readable label, when given.
    public var label: String?

    /// Creates a category.
    ///
    /// - Parameters:
    ///   - term: The category.
    ///   - scheme: Its scheme or domain.
    ///   - label: Its human-readable label.
    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}
