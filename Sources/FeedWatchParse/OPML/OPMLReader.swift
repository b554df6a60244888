public import Foundation

/// One feed listed in an OPML subscription list.
public struct OPMLFeed: Sendable, Equatable {
    /// The feed's URL (`xmlUrl`).
    public var url: String
    /// The outline's title (`title`, else `text`).
    public var title: String?
    /// The texts of the enclosing folder outlines, outermost first, then any `category` values.
    public var tags: [String]

    /// Creates an OPML feed entry.
    public init(url: String, title: String? = nil, tags: [String] = []) {
        self.url = url
        self.title = title
        self.tags = tags
    }
}

/// Reads the feeds of an OPML 1.0/2.0 subscription list, as exported by feed readers.
///
/// Every `outline` with an `xmlUrl` is a feed; outlines without one are folders, and their `text` becomes a tag of
/// the feeds inside them. The same protections as for feeds apply (no entities, no DTD or network loading).
public enum OPMLReader {
    /// Reads an OPML document.
    ///
    /// - Parameters:
    ///   - data: The document.
    ///   - url: Its name, for error messages.
    /// - Returns: The feeds in document order; a URL listed twice is returned once.
    /// - Throws: ``ParseError`` when the document is not well-formed XML or not OPML.
    public static func feeds(in data: Data, url: String?) throws(ParseError) -> [OPMLFeed] {
        var handler = Handler()
        do {
            try LibXML2Reader.read(data, url: url, maxDepth: 64, into: &handler)
        } catch {
            throw error.error
        }
        guard handler.sawRoot else {
            throw ParseError(.unknownFormat, url: url, message: "the document is not OPML (its root is not <opml>)")
        }
        return handler.feeds
    }

    private struct Handler: XMLEventHandler {
        var feeds: [OPMLFeed] = []
        /// One entry per open element: the folder name for a folder outline, else `nil`.
        var open: [String?] = []
        var seen = Set<String>()
        var sawRoot = false

        var wantsText: Bool { false }

        mutating func startElement(_ name: XMLName, attributes: [XMLAttribute]) throws(ParseError) {
            if open.isEmpty {
                sawRoot = name.local == "opml"
            }
            guard sawRoot, name.local == "outline" else {
                open.append(nil)
                return
            }
            func value(_ key: String) -> String? {
                let text = attributes.first { $0.name.local == key }?.value
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                return text?.isEmpty == false ? text : nil
            }
            guard let url = value("xmlUrl") ?? value("xmlurl") else {
                open.append(value("text") ?? value("title"))
                return
            }
            open.append(nil)
            guard seen.insert(url).inserted else { return }
            let categories = (value("category") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
            }
            var tags: [String] = []
            for tag in open.compactMap({ $0 }) + categories where !tag.isEmpty && !tags.contains(tag) {
                tags.append(tag)
            }
            feeds.append(OPMLFeed(url: url, title: value("title") ?? value("text"), tags: tags))
        }

        mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {}

        mutating func endElement() throws(ParseError) {
            _ = open.popLast()
        }
    }
}
