import FeedWatchCore
import Foundation

/// Atom 1.0 (`feed`/`entry`), and the pre-standard Atom 0.3 (`tagline`, `issued`, `modified`, `mode`).
extension FeedBuilder {
    /// Whether an element is Atom's: in Atom 1.0's or 0.3's namespace, in none, or in the namespace of a `feed` root
    /// that named another (`http://purl.org/echo/`, the drafts' names for Atom).
    private func isAtom(_ name: XMLName) -> Bool {
        name.namespace == XMLNamespace.atom || name.namespace == XMLNamespace.atom03
            || name.namespace == XMLNamespace.none || name.namespace == atomNamespace
    }

    mutating func startAtomElement(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
        if hasItem, name.namespace == XMLNamespace.media {
            startMediaElement(name, attributes: attributes)
            return
        }
        guard isAtom(name) else {
            return
        }
        if hasPerson {
            if depth == personDepth + 1 {
                switch name.local {
                case "name": beginCapture(.personName, mode: .plain, depth: depth)
                case "email": beginCapture(.personEmail, mode: .raw, depth: depth)
                case "uri", "url", "homepage": beginCapture(.personURI, mode: .raw, depth: depth)
                default: break
                }
            }
            return
        }
        guard hasItem else {
            guard depth == 2 else {
                return
            }
            startFeedField(name, attributes: attributes, depth: depth)
            return
        }
        guard depth == itemDepth + 1 else {
            return
        }
        defer { markBase64(attributes) }
        switch name.local {
        case "id": beginCapture(.id, mode: .raw, depth: depth)
        case "title":
            let (mode, type) = textConstruct(attributes)
            beginCapture(.title, mode: mode, type: type, depth: depth)
        case "link": offerAtomLink(attributes)
        case "published", "issued": beginCapture(.published, mode: .raw, depth: depth)
        case "updated", "modified": beginCapture(.updated, mode: .raw, depth: depth)
        case "created": beginCapture(.dublinCoreDate, mode: .raw, depth: depth)
        case "summary":
            let (mode, type) = textConstruct(attributes)
            beginCapture(.summary, mode: mode, type: type, depth: depth)
        case "content" where Self.value(of: "src", in: attributes) == nil:
            let (mode, type) = textConstruct(attributes)
            beginCapture(.content, mode: mode, type: type, depth: depth)
        case "author": beginPerson(depth: depth)
        case "category": item?.categoryDetails.append(contentsOf: Self.category(attributes))
        default: break
        }
    }

    private mutating func startFeedField(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
        let (mode, type) = textConstruct(attributes)
        defer { markBase64(attributes) }
        switch name.local {
        // Some Atom 0.3 feeds wrote RSS's `item` for `entry`.
        case "entry", "item": beginItem(depth: depth)
        case "title": beginCapture(.feedTitle, mode: mode, type: type, depth: depth)
        case "subtitle", "tagline": beginCapture(.feedSubtitle, mode: mode, type: type, depth: depth)
        case "link": offerAtomLink(attributes)
        case "id": beginCapture(.feedID, mode: .raw, depth: depth)
        case "updated", "modified": beginCapture(.feedUpdated, mode: .raw, depth: depth)
        case "published", "issued": beginCapture(.feedPublished, mode: .raw, depth: depth)
        case "author": beginPerson(depth: depth)
        case "category": feed.categories.append(contentsOf: Self.category(attributes))
        default: break
        }
    }

    /// Marks the capture just begun as base64 when the element says `mode="base64"` (Atom 0.3), or its `type` is a
    /// MIME type that is neither text nor XML (Atom 1.0 requires such content to be base64).
    private mutating func markBase64(_ attributes: [XMLAttribute]) {
        guard capture != nil else {
            return
        }
        let type = Self.value(of: "type", in: attributes)?.trimmedASCIIWhitespace.lowercased() ?? "text"
        let binaryType = Self.contains(type, ascii: "/") && !type.hasPrefix("text/") && !type.hasSuffix("xml")
        if binaryType || Self.value(of: "mode", in: attributes)?.lowercased() == "base64" {
            capture?.base64 = true
        }
    }

    private static func category(_ attributes: [XMLAttribute]) -> [FeedCategory] {
        guard let term = value(of: "term", in: attributes).map(HTMLText.collapsingWhitespace).flatMap(nonEmpty)
        else {
            return []
        }
        return [
            FeedCategory(
                term: term,
                scheme: value(of: "scheme", in: attributes).flatMap(nonEmpty),
                label: value(of: "label", in: attributes).flatMap(nonEmpty)
            )
        ]
    }

    /// Considers an Atom `link`: `rel="alternate"` ranks above a link with no `rel`; `rel="enclosure"` on an entry
    /// is an enclosure; other relations are ignored.
    private mutating func offerAtomLink(_ attributes: [XMLAttribute]) {
        guard let href = Self.value(of: "href", in: attributes) else {
            return
        }
        let type = Self.value(of: "type", in: attributes)?.lowercased()
        let isPage = type == nil || type.map { Self.contains($0, ascii: "html") } == true
        switch Self.value(of: "rel", in: attributes)?.trimmedASCIIWhitespace {
        case nil, "": offerLink(href, rank: isPage ? 2 : 1)
        case "alternate", "http://www.iana.org/assignments/relation/alternate": offerLink(href, rank: isPage ? 4 : 3)
        case "enclosure" where hasItem:
            offerEnclosure(url: href, type: type, length: Self.value(of: "length", in: attributes))
        default: break
        }
    }

    /// The text mode and reported type of an Atom text construct, from its `type` (and Atom 0.3 `mode`) attribute.
    private func textConstruct(_ attributes: [XMLAttribute]) -> (TextMode, String) {
        let type = Self.value(of: "type", in: attributes)?.trimmedASCIIWhitespace.lowercased() ?? "text"
        let mode = Self.value(of: "mode", in: attributes)?.lowercased()
        if type == "xhtml" {
            return (.xhtml, "xhtml")
        }
        if type.hasSuffix("xhtml+xml") || mode == "xml" {
            // Atom 0.3's inline XHTML: its `div` is content, not a wrapper, and is kept; an Atom 1.0 document that
            // writes it so means Atom 1.0's wrapper.
            return (atomNamespace == XMLNamespace.atom ? .xhtml : .xhtmlWrapped, "xhtml")
        }
        if type == "html" || type.hasSuffix("/html") {
            return (.html, "html")
        }
        if type == "text" || type == "text/plain" || type.isEmpty {
            return (.plain, "text")
        }
        return (.plain, type)
    }
}
