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
    /// The title as the feed typed it (`text`, `html` or `xhtml`), the value sanitized for storage.
    public var titleDetail: FeedText?
    /// The summary as the feed typed it, the value sanitized for storage (HTML keeps its safe markup).
    public var summaryDetail: FeedText?
    /// Every full-content construct of the item in document order, sanitized for storage.
    public var contents: [FeedText]
    /// The authors with name, e-mail and home page, in document order.
    public var authorDetails: [FeedPerson]
    /// The categories with scheme and label, in document order.
    public var categoryDetails: [FeedCategory]
    /// Attached files (enclosures, `media:content`, JSON Feed attachments), in document order.
    public var enclosures: [FeedEnclosure]
    /// Thumbnail image URLs (`media:thumbnail`, JSON Feed `image`), in document order.
    public var thumbnails: [String]

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
        categories: [String] = [],
        titleDetail: FeedText? = nil,
        summaryDetail: FeedText? = nil,
        contents: [FeedText] = [],
        authorDetails: [FeedPerson] = [],
        categoryDetails: [FeedCategory] = [],
        enclosures: [FeedEnclosure] = [],
        thumbnails: [String] = []
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
        self.titleDetail = titleDetail
        self.summaryDetail = summaryDetail
        self.contents = contents
        self.authorDetails = authorDetails
        self.categoryDetails = categoryDetails
        self.enclosures = enclosures
        self.thumbnails = thumbnails
    }
}
