import FeedWatchCore
import Foundation

/// Builds a `ParsedFeed` from the events of one streaming read, whatever the format.
///
/// The root element decides the format; format-specific element handling lives in `FeedBuilder+RSS.swift` and
/// `FeedBuilder+Atom.swift`, and the field storage in `FeedBuilder+Fields.swift`.
struct FeedBuilder: XMLEventHandler {
    /// How captured character data becomes a field value.
    enum TextMode {
        /// Identifiers, links and dates: surrounding whitespace trimmed, nothing else touched.
        case raw
        /// Plain text: whitespace collapsed.
        case plain
        /// Escaped HTML: sanitized, and reduced to text with `HTMLText`.
        case html
        /// Inline XHTML elements in Atom 1.0's wrapper `div`: serialized without the wrapper, sanitized, and reduced
        /// to text.
        case xhtml
        /// Inline XHTML elements as Atom 0.3 gave them: serialized with their `div`, sanitized, and reduced to text.
        case xhtmlWrapped
    }

    /// The field a capture fills when its element ends.
    enum Field {
        case feedTitle, feedLink, feedTTL, feedSubtitle, feedLanguage, feedID, feedUpdated, feedPublished
        case feedAuthor, feedCategory, feedItunesSummary, feedKeywords
        case id, title, link, published, updated, dublinCoreDate, summary, content, author, category
        case itunesSummary, personName, personEmail, personURI, keywords, mediaTitle
    }

    /// Character data being collected for one field, from an element and its descendants.
    struct Capture {
        var field: Field
        var mode: TextMode
        /// The type reported for the value: `text`, `html`, `xhtml` or a MIME type.
        var type: String
        /// The depth of the element whose text is captured.
        var depth: Int
        /// The base URL in effect for the element.
        var base: URL?
        /// The base's origin, for the sanitizer (see `HTMLSanitizer.origin(of:)`).
        var origin: [UInt8]?
        /// A category's scheme, carried from the element's attributes.
        var scheme: String?
        /// A category's label, carried from the element's attributes (`media:category label`).
        var label: String?
        /// Whether the content is base64-encoded (Atom 0.3 `mode="base64"`).
        var base64 = false
        /// The character data, as UTF-8.
        var text: [UInt8] = []
        /// The captured child elements and text serialized as markup, once the first child element is seen.
        var markup: String?

        mutating func enter(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
            if markup == nil {
                var escaped: [UInt8] = []
                text.withUnsafeBufferPointer { HTMLSanitizer.escape($0, quotes: false, into: &escaped) }
                markup = String(decoding: escaped, as: UTF8.self)
            }
            if mode == .xhtml, depth == self.depth + 1, name.local == "div", name.namespace == XMLNamespace.xhtml {
                return
            }
            var tag = "<" + name.local
            for attribute in attributes where attribute.name.namespace.isEmpty {
                tag += " " + attribute.name.local + "=\"" + HTMLSanitizer.escape(attribute.value, quotes: true) + "\""
            }
            markup? += tag + ">"
        }

        mutating func leave(_ name: XMLName, depth: Int) {
            if mode == .xhtml, depth == self.depth + 1, name.local == "div", name.namespace == XMLNamespace.xhtml {
                return
            }
            markup? += "</" + name.local + ">"
        }

        mutating func append(_ characters: UnsafeBufferPointer<UInt8>) {
            text.append(contentsOf: characters)
            if markup != nil {
                var escaped: [UInt8] = []
                HTMLSanitizer.escape(characters, quotes: false, into: &escaped)
                markup? += String(decoding: escaped, as: UTF8.self)
            }
        }
    }

    /// One open element.
    struct Frame {
        var name: XMLName
        /// The base URL for relative links inside this element (the document URL, or an `xml:base`).
        var base: URL?
        /// The base's origin, computed once per base (see `HTMLSanitizer.origin(of:)`).
        var origin: [UInt8]?
        /// The language in effect (`xml:lang`).
        var language: String?
    }

    let documentURL: String?
    /// Whether the document's text may hold control characters: it is read in libxml2's recovery mode, or holds a
    /// C1 control or a reference to a control (see `ControlCharacters.documentMayHoldControls`).
    let textMayHoldControls: Bool
    private let documentBase: URL?
    private let documentOrigin: [UInt8]?
    var format: ParsedFeed.Format?
    /// The namespace of an Atom document's `feed` root, whichever it is.
    var atomNamespace = XMLNamespace.atom
    /// The namespace of an RSS document's `rss` root, none in most.
    var rssNamespace = XMLNamespace.none
    var stack: [Frame] = []
    var capture: Capture?

    var feed = ParsedFeed(format: .rss)
    var feedLinkRank = 0
    var feedWebMaster: FeedPerson?
    var feedItunesSummary: FeedText?

    var items: [FeedItem] = []
    /// Buffers reused by every HTML field of this document.
    let htmlScratch = HTMLScratch()
    var item: FeedItem?
    var itemDepth = 0
    var itemLinkRank = 0
    var itemDublinCoreDate: Date?
    var itemItunesSummary: FeedText?
    /// Whether the item's RSS `guid` is a permanent link (`isPermaLink` absent or `true`), the link when `link` is
    /// missing.
    var itemGuidIsPermaLink = false
    /// The item's `media:title`, its title when it has no other.
    var itemMediaTitle: Value?

    /// The Atom person (`author`) being read, and the depth of its element.
    var person: FeedPerson?
    var personDepth = 0

    /// Creates a builder for one document.
    ///
    /// - Parameters:
    ///   - url: The document's URL, the base for relative links and the name used in errors.
    ///   - textMayHoldControls: Whether the document's text may hold control characters.
    init(url: String?, textMayHoldControls: Bool = true) {
        documentURL = url
        self.textMayHoldControls = textMayHoldControls
        documentBase = HTMLSanitizer.httpBase(url.flatMap { URL(string: $0) })
        documentOrigin = HTMLSanitizer.origin(of: documentBase)
    }

    /// Whether an item is open. A pattern match: `item != nil` copies the item (it is `Equatable`) to compare it.
    var hasItem: Bool {
        if case .some = item {
            return true
        }
        return false
    }

    /// Whether an Atom person is open, tested as `hasItem` is.
    var hasPerson: Bool {
        if case .some = person {
            return true
        }
        return false
    }

    var wantsText: Bool {
        capture != nil
    }

    /// The feed, once the whole document (or as much as could be recovered) has been read.
    ///
    /// - Returns: The parsed feed; an item left open by a truncated document is kept.
    /// - Throws: `ParseError.unknownFormat` when the document had no recognised root element.
    func result() throws(ParseError) -> ParsedFeed {
        guard let format else {
            throw ParseError(.unknownFormat, url: documentURL, message: "the document has no root element")
        }
        var result = feed
        result.format = format
        result.items = items
        if var open = item {
            finish(&open)
            result.items.append(open)
        }
        if result.authors.isEmpty, let feedWebMaster {
            result.authors = [feedWebMaster]
        }
        if result.subtitle == nil {
            result.subtitle = feedItunesSummary
        }
        result.removeControlCharactersFromFeedFields()
        return result
    }

    mutating func startElement(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError) {
        // The parent's fields one by one: `stack.last` would copy (and then destroy) the whole frame.
        var base = documentBase
        var origin = documentOrigin
        var language: String?
        if !stack.isEmpty {
            let parent = stack.count - 1
            if let parentBase = stack[parent].base {
                base = parentBase
                origin = stack[parent].origin
            }
            language = stack[parent].language
        }
        for attribute in attributes where attribute.name.namespace == XMLNamespace.xml {
            if attribute.name.local == "base" {
                // Only an http(s) base is taken: `xml:base="javascript:..."` would make every relative link a script.
                if let resolved = HTMLSanitizer.httpBase(URL(string: attribute.value, relativeTo: base)?.absoluteURL) {
                    base = resolved
                    origin = HTMLSanitizer.origin(of: base)
                }
            } else if attribute.name.local == "lang" {
                language = attribute.value.isEmpty ? nil : Self.languageTag(attribute.value)
            }
        }
        stack.append(Frame(name: name, base: base, origin: origin, language: language))
        let depth = stack.count
        if capture != nil {
            capture?.enter(name, attributes: attributes, depth: depth)
            return
        }
        switch format {
        case .rss, .rdf:
            startRSSElement(name, attributes: attributes, depth: depth)
        case .atom:
            startAtomElement(name, attributes: attributes, depth: depth)
        case .cdf:
            startCDFElement(name, attributes: attributes, depth: depth)
        case .json:
            break
        case nil:
            try recognizeRoot(name)
            feed.language = language
            if format == .cdf {
                startCDFChannel(attributes)
            }
        }
    }

    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        capture?.append(text)
    }

    mutating func endElement() throws(ParseError) {
        let depth = stack.count
        guard depth > 0 else {
            return
        }
        // Depths first, so that an element that ends nothing copies no capture, person, item or frame.
        if capture?.depth == depth, let finished = capture.take() {
            store(finished)
        } else if capture != nil {
            capture?.leave(stack[depth - 1].name, depth: depth)
        }
        if depth == personDepth, let finishedPerson = person {
            person = nil
            if !finishedPerson.isEmpty {
                if hasItem {
                    item?.authorDetails.append(finishedPerson)
                } else {
                    feed.authors.append(finishedPerson)
                }
            }
        }
        if depth == itemDepth, var finishedItem = item {
            item = nil
            finish(&finishedItem)
            items.append(finishedItem)
        }
        stack.removeLast()
    }

    /// Fills an item's derived fields once its element has ended.
    private func finish(_ finished: inout FeedItem) {
        finished.published = finished.published ?? itemDublinCoreDate
        if finished.summaryDetail == nil, let itemItunesSummary {
            finished.summaryDetail = itemItunesSummary
            finished.summary =
                itemItunesSummary.type == "text"
                ? itemItunesSummary.value : HTMLText.plainText(itemItunesSummary.value)
        }
        if finished.titleDetail == nil, let itemMediaTitle {
            finished.titleDetail = itemMediaTitle.detail
            finished.title = Self.nonEmpty(itemMediaTitle.text)
        }
        if finished.link == nil, itemGuidIsPermaLink, let id = finished.id, id.hasPrefix("http") {
            finished.link = HTMLSanitizer.safeLink(id, against: nil)
        }
        finished.authors = finished.authorDetails.compactMap { $0.name ?? $0.email }
        finished.categories = finished.categoryDetails.map(\.term)
        if textMayHoldControls {
            ControlCharacters.cleanIdentifiersAndLinks(&finished)
        }
    }

    private mutating func recognizeRoot(_ name: XMLName) throws(ParseError) {
        switch (name.local, name.namespace) {
        case ("rss", _):
            format = .rss
            rssNamespace = name.namespace
        case ("RDF", XMLNamespace.rdf):
            format = .rdf
        case ("feed", _):
            // Any namespace: the Atom drafts went by several (`http://purl.org/echo/`, `http://purl.org/pie/`).
            format = .atom
            atomNamespace = name.namespace
        case ("CHANNEL", XMLNamespace.none), ("channel", XMLNamespace.none):
            format = .cdf
        default:
            throw ParseError(
                .unknownFormat,
                url: documentURL,
                message: "the root element is <\(name.local)>, not <rss>, <rdf:RDF> or <feed>"
            )
        }
    }

    /// Begins collecting the text of the element just opened.
    mutating func beginCapture(_ field: Field, mode: TextMode, type: String = "text", depth: Int) {
        capture = Capture(
            field: field,
            mode: mode,
            type: type,
            depth: depth,
            base: stack.last?.base,
            origin: stack.last?.origin
        )
    }

    /// Begins an item whose element is at `depth`.
    mutating func beginItem(depth: Int, id: String? = nil) {
        item = FeedItem(id: id.flatMap(Self.nonEmpty))
        itemDepth = depth
        itemLinkRank = 0
        itemDublinCoreDate = nil
        itemItunesSummary = nil
        itemGuidIsPermaLink = false
        itemMediaTitle = nil
    }

    /// Begins an Atom person construct whose element is at `depth`.
    mutating func beginPerson(depth: Int) {
        person = FeedPerson()
        personDepth = depth
    }

    /// Resolves a link against the base in effect for the current element.
    func resolve(_ link: String) -> String? {
        let trimmed = link.trimmedASCIIWhitespace
        guard !trimmed.isEmpty else {
            return nil
        }
        return HTMLSanitizer.safeLink(trimmed, against: stack.last?.base ?? documentBase)
    }

    /// An identifier as stored: an Atom `id` written as a relative path (`/2004/entry`) is resolved against the base,
    /// as Atom's IRIs are; anything else (`tag:`, `urn:`, an RSS `guid`, a bare number) is kept as written.
    func identifier(_ text: String) -> String {
        guard format == .atom, let first = text.utf8.first, first == UInt8(ascii: "/") || first == UInt8(ascii: ".")
        else {
            return text
        }
        return HTMLSanitizer.resolve(text, against: stack.last?.base ?? documentBase)
    }

    /// Records a link candidate; a higher rank replaces a lower one, the first of equal rank wins.
    mutating func offerLink(_ href: String, rank: Int) {
        guard let resolved = resolve(href) else {
            return
        }
        if hasItem {
            if rank > itemLinkRank {
                item?.link = resolved
                itemLinkRank = rank
            }
        } else if rank > feedLinkRank {
            feed.link = resolved
            feedLinkRank = rank
        }
    }

    /// Records an enclosure of the current item.
    mutating func offerEnclosure(url: String?, type: String?, length: String?) {
        guard let url, let resolved = resolve(url) else {
            return
        }
        let mime = type.map(\.trimmedASCIIWhitespace).flatMap(Self.nonEmpty)
        let size = length.flatMap { Int($0.trimmedASCIIWhitespace) }.flatMap { $0 >= 0 ? $0 : nil }
        item?.enclosures.append(FeedEnclosure(url: resolved, type: mime, length: size))
    }

    /// The value of an attribute in no namespace.
    static func value(of local: String, in attributes: [XMLAttribute]) -> String? {
        attributes.first { $0.name.local == local && $0.name.namespace == XMLNamespace.none }?.value
    }

    /// Whether text contains an ASCII string: by bytes when the text is ASCII, else with Foundation's `contains`, as
    /// before, so that the answer never changes.
    ///
    /// - Parameters:
    ///   - text: The text searched.
    ///   - needle: The ASCII string looked for, not empty.
    /// - Returns: Whether `needle` occurs in `text`.
    static func contains(_ text: String, ascii needle: StaticString) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.contains(needle.description)
        }
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var source = text
        return source.withUTF8 { bytes in
            guard !pattern.isEmpty, bytes.count >= pattern.count else {
                return pattern.isEmpty
            }
            for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
                if (1..<pattern.count).allSatisfy({ bytes[start + $0] == pattern[$0] }) {
                    return true
                }
            }
            return false
        }
    }

    /// A language as a BCP 47 tag: `en_US`, as locales are written, is `en-US`.
    static func languageTag(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "_")) ? text.replacingOccurrences(of: "_", with: "-") : text
    }

    static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
