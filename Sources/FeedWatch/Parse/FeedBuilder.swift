import Foundation

/// Builds a `ParsedFeed` from the events of one streaming read, whatever the format.
///
/// The root element decides the format; format-specific element handling lives in `FeedBuilder+RSS.swift` and
/// `FeedBuilder+Atom.swift`.
struct FeedBuilder: XMLEventHandler {
    /// How captured character data becomes a field value.
    enum TextMode {
        /// Identifiers, links and dates: surrounding whitespace trimmed, nothing else touched.
        case raw
        /// Plain text: whitespace collapsed.
        case plain
        /// Escaped HTML: reduced to text with `HTMLText`.
        case html
        /// Inline XHTML elements: their text, with block elements separating words.
        case xhtml
    }

    /// The field a capture fills when its element ends.
    enum Field {
        case feedTitle, feedLink, feedTTL, id, title, link, published, updated, dublinCoreDate, summary, content, author
        case category
    }

    /// Character data being collected for one field, from an element and its descendants.
    struct Capture {
        var field: Field
        var mode: TextMode
        /// The depth of the element whose text is captured.
        var depth: Int
        var text = ""
        /// Set while inside an element whose text is dropped, such as `script`.
        var droppedDepth: Int?
        var sawElements = false

        mutating func enter(_ name: XMLName, depth: Int) {
            sawElements = true
            guard droppedDepth == nil else {
                return
            }
            if HTMLText.droppedElements.contains(name.local) {
                droppedDepth = depth
            } else if HTMLText.blockElements.contains(name.local) {
                text += " "
            }
        }

        mutating func leave(_ name: XMLName, depth: Int) {
            if droppedDepth == depth {
                droppedDepth = nil
            } else if droppedDepth == nil && HTMLText.blockElements.contains(name.local) {
                text += " "
            }
        }

        mutating func append(_ characters: String) {
            if droppedDepth == nil {
                text += characters
            }
        }
    }

    /// One open element.
    struct Frame {
        var name: XMLName
        /// The base URL for relative links inside this element (the document URL, or an `xml:base`).
        var base: URL?
    }

    let documentURL: String?
    private let documentBase: URL?
    var format: ParsedFeed.Format?
    var stack: [Frame] = []
    var capture: Capture?

    var feedTitle: String?
    var feedTTL: TimeInterval?
    var feedLink: String?
    var feedLinkRank = 0

    var items: [FeedItem] = []
    var item: FeedItem?
    var itemDepth = 0
    var itemLinkRank = 0
    var itemDublinCoreDate: Date?

    /// Creates a builder for one document.
    ///
    /// - Parameter url: The document's URL, the base for relative links and the name used in errors.
    init(url: String?) {
        documentURL = url
        documentBase = url.flatMap { URL(string: $0) }
    }

    var wantsText: Bool {
        capture != nil
    }

    /// The feed, once the whole document has been read.
    ///
    /// - Returns: The parsed feed.
    /// - Throws: `ParseError.unknownFormat` when the document had no recognised root element.
    func result() throws(ParseError) -> ParsedFeed {
        guard let format else {
            throw ParseError(.unknownFormat, url: documentURL, message: "the document has no root element")
        }
        return ParsedFeed(format: format, title: feedTitle, link: feedLink, ttl: feedTTL, items: items)
    }

    mutating func startElement(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError) {
        let parentBase = stack.last?.base ?? documentBase
        var base = parentBase
        if let xmlBase = attributes.first(where: { $0.name.local == "base" && $0.name.namespace == XMLNamespace.xml }) {
            base = URL(string: xmlBase.value, relativeTo: parentBase)?.absoluteURL ?? parentBase
        }
        stack.append(Frame(name: name, base: base))
        let depth = stack.count
        if capture != nil {
            capture?.enter(name, depth: depth)
            return
        }
        switch format {
        case .rss, .rdf:
            startRSSElement(name, attributes: attributes, depth: depth)
        case .atom:
            startAtomElement(name, attributes: attributes, depth: depth)
        case nil:
            try recognizeRoot(name)
        }
    }

    mutating func characters(_ text: String) {
        capture?.append(text)
    }

    mutating func endElement() throws(ParseError) {
        let depth = stack.count
        guard let frame = stack.last else {
            return
        }
        if let finished = capture, finished.depth == depth {
            capture = nil
            store(finished)
        } else {
            capture?.leave(frame.name, depth: depth)
        }
        if var finishedItem = item, depth == itemDepth {
            finishedItem.published = finishedItem.published ?? itemDublinCoreDate
            items.append(finishedItem)
            item = nil
        }
        stack.removeLast()
    }

    private mutating func recognizeRoot(_ name: XMLName) throws(ParseError) {
        switch (name.local, name.namespace) {
        case ("rss", _):
            format = .rss
        case ("RDF", XMLNamespace.rdf):
            format = .rdf
        case ("feed", XMLNamespace.atom), ("feed", XMLNamespace.atom03), ("feed", XMLNamespace.none):
            format = .atom
        default:
            throw ParseError(
                .unknownFormat,
                url: documentURL,
                message: "the root element is <\(name.local)>, not <rss>, <rdf:RDF> or <feed>"
            )
        }
    }

    /// Begins collecting the text of the element just opened.
    mutating func beginCapture(_ field: Field, mode: TextMode, depth: Int) {
        capture = Capture(field: field, mode: mode, depth: depth)
    }

    /// Begins an item whose element is at `depth`.
    mutating func beginItem(depth: Int, id: String? = nil) {
        item = FeedItem(id: id.flatMap(Self.nonEmpty))
        itemDepth = depth
        itemLinkRank = 0
        itemDublinCoreDate = nil
    }

    /// Resolves a link against the base in effect for the current element.
    func resolve(_ link: String) -> String? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return nil
        }
        guard let base = stack.last?.base ?? documentBase, let url = URL(string: trimmed, relativeTo: base) else {
            return trimmed
        }
        return url.absoluteString
    }

    /// Records a link candidate; a higher rank replaces a lower one, the first of equal rank wins.
    mutating func offerLink(_ href: String, rank: Int) {
        guard let resolved = resolve(href) else {
            return
        }
        if item != nil {
            if rank > itemLinkRank {
                item?.link = resolved
                itemLinkRank = rank
            }
        } else if rank > feedLinkRank {
            feedLink = resolved
            feedLinkRank = rank
        }
    }

    private mutating func store(_ capture: Capture) {
        guard let value = Self.text(of: capture) else {
            return
        }
        switch capture.field {
        case .feedTitle:
            feedTitle = feedTitle ?? value
        case .feedLink, .link:
            offerLink(value, rank: 1)
        case .feedTTL:
            if let minutes = Int(value.trimmingCharacters(in: .whitespaces)), minutes > 0 {
                feedTTL = feedTTL ?? TimeInterval(minutes) * 60
            }
        case .dublinCoreDate:
            itemDublinCoreDate = itemDublinCoreDate ?? FeedDate.parse(value)
        default:
            guard var current = item else {
                return
            }
            Self.store(value, in: capture.field, of: &current)
            item = current
        }
    }

    private static func store(_ value: String, in field: Field, of item: inout FeedItem) {
        switch field {
        case .id: item.id = item.id ?? value
        case .title: item.title = item.title ?? value
        case .published: item.published = item.published ?? FeedDate.parse(value)
        case .updated: item.updated = item.updated ?? FeedDate.parse(value)
        case .summary: item.summary = item.summary ?? value
        case .content: item.content = item.content ?? value
        case .author: item.authors.append(authorName(value))
        case .category: item.categories.append(value)
        case .feedTitle, .feedLink, .feedTTL, .link, .dublinCoreDate: break
        }
    }

    private static func text(of capture: Capture) -> String? {
        let value: String
        switch capture.mode {
        case .raw:
            value = capture.text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .plain, .xhtml:
            value = HTMLText.collapsingWhitespace(capture.text)
        case .html:
            value =
                capture.sawElements
                ? HTMLText.collapsingWhitespace(capture.text) : HTMLText.plainText(capture.text)
        }
        return nonEmpty(value)
    }

    static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }

    /// Reduces the RSS `author` convention `jo@example.org (Jo Doe)` to the name.
    static func authorName(_ text: String) -> String {
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "("), text[..<open].contains("@") else {
            return text
        }
        let name = text[text.index(after: open)..<text.index(before: text.endIndex)]
            .trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? text : name
    }
}
