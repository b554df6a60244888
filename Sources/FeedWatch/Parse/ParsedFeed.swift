public import Foundation

/// A whole feed document after parsing: its format, its own metadata and its items in document order.
public struct ParsedFeed: Sendable, Equatable {
    /// The syndication format the document was recognised as, from its content.
    public enum Format: String, Sendable, Codable {
        /// RSS 0.9x and 2.0 (`<rss>`).
        case rss = "rss"
        /// RSS 1.0 (`<rdf:RDF>`).
        case rdf = "rdf"
        /// Atom 1.0 (`<feed>`).
        case atom = "atom"
    }

    /// The recognised format.
    public var format: Format
    /// The feed's title, as plain text.
    public var title: String?
    /// The feed's home page link.
    public var link: String?
    /// How long the publisher asks readers to cache the feed (RSS `<ttl>`, given in minutes), in seconds.
    public var ttl: TimeInterval?
    /// The items, in document order.
    public var items: [FeedItem]

    /// Creates a parsed feed.
    public init(
        format: Format,
        title: String? = nil,
        link: String? = nil,
        ttl: TimeInterval? = nil,
        items: [FeedItem] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.ttl = ttl
        self.items = items
    }
}
