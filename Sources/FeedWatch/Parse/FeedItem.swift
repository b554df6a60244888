public import Foundation

/// One entry of a feed (an RSS `item` or an Atom `entry`), as the parser hands it to analysis.
///
/// Text fields hold plain text: markup has been decoded and HTML reduced to text, with whitespace collapsed.
public struct FeedItem: Sendable, Equatable, Hashable, Codable {
    /// The item's identifier: RSS `guid`, Atom `id` or RDF `rdf:about`, verbatim; `nil` when the feed gives none.
    public var id: String?
    /// The headline, as plain text.
    public var title: String?
    /// The item's link (the Atom `alternate` link), absolute where the feed allows.
    public var link: String?
    /// When the item was first published (RSS `pubDate`, Atom `published`, `dc:date`).
    public var published: Date?
    /// When the item was last updated (Atom `updated`, `dcterms:modified`).
    public var updated: Date?
    /// The description or summary, reduced to plain text.
    public var summary: String?
    /// The full content (`content:encoded`, Atom `content`), reduced to plain text.
    public var content: String?
    /// Author names, in document order.
    public var authors: [String]
    /// Category terms, in document order.
    public var categories: [String]

    /// Creates an item; every field defaults to absent.
    public init(
        id: String? = nil,
        title: String? = nil,
        link: String? = nil,
        published: Date? = nil,
        updated: Date? = nil,
        summary: String? = nil,
        content: String? = nil,
        authors: [String] = [],
        categories: [String] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.summary = summary
        self.content = content
        self.authors = authors
        self.categories = categories
    }
}
