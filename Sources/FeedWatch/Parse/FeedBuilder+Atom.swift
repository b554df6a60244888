import Foundation

/// Atom 1.0 (`feed`/`entry`), and the pre-standard Atom 0.3 where it uses the same element names.
extension FeedBuilder {
    private static func isAtom(_ name: XMLName) -> Bool {
        name.namespace == XMLNamespace.atom || name.namespace == XMLNamespace.atom03
            || name.namespace == XMLNamespace.none
    }

    mutating func startAtomElement(_ name: XMLName, attributes: [XMLAttribute], depth: Int) {
        guard Self.isAtom(name) else {
            return
        }
        guard item != nil else {
            guard depth == 2 else {
                return
            }
            switch name.local {
            case "entry": beginItem(depth: depth)
            case "title": beginCapture(.feedTitle, mode: Self.textMode(attributes), depth: depth)
            case "link": offerAtomLink(attributes)
            default: break
            }
            return
        }
        if depth == itemDepth + 2, name.local == "name", stack[depth - 2].name.local == "author",
            Self.isAtom(stack[depth - 2].name)
        {
            beginCapture(.author, mode: .plain, depth: depth)
            return
        }
        guard depth == itemDepth + 1 else {
            return
        }
        switch name.local {
        case "id": beginCapture(.id, mode: .raw, depth: depth)
        case "title": beginCapture(.title, mode: Self.textMode(attributes), depth: depth)
        case "link": offerAtomLink(attributes)
        case "published", "issued": beginCapture(.published, mode: .raw, depth: depth)
        case "updated", "modified": beginCapture(.updated, mode: .raw, depth: depth)
        case "summary": beginCapture(.summary, mode: Self.textMode(attributes), depth: depth)
        case "content" where Self.value(of: "src", in: attributes) == nil:
            beginCapture(.content, mode: Self.textMode(attributes), depth: depth)
        case "category":
            let term = Self.value(of: "term", in: attributes).map(HTMLText.collapsingWhitespace)
            if let term = term.flatMap(Self.nonEmpty) {
                item?.categories.append(term)
            }
        default:
            break
        }
    }

    /// Considers an Atom `link`: `rel="alternate"` ranks above a link with no `rel`; other relations are ignored.
    private mutating func offerAtomLink(_ attributes: [XMLAttribute]) {
        guard let href = Self.value(of: "href", in: attributes) else {
            return
        }
        switch Self.value(of: "rel", in: attributes)?.trimmingCharacters(in: .whitespaces) {
        case nil, "": offerLink(href, rank: 2)
        case "alternate", "http://www.iana.org/assignments/relation/alternate": offerLink(href, rank: 3)
        default: break
        }
    }

    /// The text mode of an Atom text construct, from its `type` (and Atom 0.3 `mode`) attribute.
    private static func textMode(_ attributes: [XMLAttribute]) -> TextMode {
        let type = value(of: "type", in: attributes)?.lowercased() ?? "text"
        let mode = value(of: "mode", in: attributes)?.lowercased()
        if type == "xhtml" || type.hasSuffix("xhtml+xml") || mode == "xml" {
            return .xhtml
        }
        if type == "html" || type.hasSuffix("/html") || mode == "escaped" && type.contains("html") {
            return .html
        }
        return .plain
    }

    private static func value(of local: String, in attributes: [XMLAttribute]) -> String? {
        attributes.first { $0.name.local == local && $0.name.namespace == XMLNamespace.none }?.value
    }
}
