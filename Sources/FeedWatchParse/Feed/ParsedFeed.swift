public import FeedWatchCore
public import Foundation

/// A whole feed document after parsing: its format, its own metadata and its items in document order.
public struct ParsedFeed: Sendable, Equatable {
    /// The syndication format the document was recognised as, from its content.
    public enum Format: String, Sendable, Codable {
        /// RSS 0.9x and 2.0 (`<rss>`).
        case rss = "rss"
        /// RSS 1.0 and 0.90 (`<rdf:RDF>`).
        case rdf = "rdf"
        /// Atom 1.0 and 0.3 (`<feed>`).
        case atom = "atom"
        /// JSON Feed 1.0 and 1.1.
        case json = "json"
        /// Microsoft's Channel Definition Format (`<CHANNEL>`), from 1997.
        case cdf = "cdf"
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
    /// Whether the document was well-formed; `false` when the parser had to recover (broken markup, undeclared
    /// entities, a wrongly declared encoding) and the items are what it could save.
    public var wellformed: Bool
    /// The character encoding the document was decoded with, lower-case (`utf-8`, `iso-8859-1`, `utf-16le`).
    public var encoding: String?
    /// The title as the feed typed it, the value sanitized for storage.
    public var titleDetail: FeedText?
    /// The RSS channel description or Atom subtitle, sanitized for storage.
    public var subtitle: FeedText?
    /// The feed's language (RSS `language`, `dc:language`, `xml:lang`, JSON Feed `language`).
    public var language: String?
    /// The feed's identifier (Atom `id`, RDF `rdf:about`, JSON Feed `feed_url`).
    public var id: String?
    /// When the feed last changed (Atom `updated`, RSS `lastBuildDate`, `dcterms:modified`).
    public var updated: Date?
    /// When the feed was published (RSS `pubDate`, `dc:date`, Atom 0.3 `issued`).
    public var published: Date?
    /// The feed's authors, in document order.
    public var authors: [FeedPerson]
    /// The feed's categories, in document order.
    public var categories: [FeedCategory]

    /// Creates a parsed feed; every field but the format defaults to absent, and the document to well-formed.
    public init(
        format: Format,
        title: String? = nil,
        link: String? = nil,
        ttl: TimeInterval? = nil,
        items: [FeedItem] = [],
        wellformed: Bool = true,
        encoding: String? = nil,
        titleDetail: FeedText? = nil,
        subtitle: FeedText? = nil,
        language: String? = nil,
        id: String? = nil,
        updated: Date? = nil,
        published: Date? = nil,
        authors: [FeedPerson] = [],
        categories: [FeedCategory] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.ttl = ttl
        self.items = items
        self.wellformed = wellformed
        self.encoding = encoding
        self.titleDetail = titleDetail
        self.subtitle = subtitle
        self.language = language
        self.id = id
        self.updated = updated
        self.published = published
        self.authors = authors
        self.categories = categories
    }
}
