public import Foundation

/// Parses RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 documents into a `ParsedFeed`, in one streaming pass.
///
/// The format is recognised from the root element, never from the URL. Documents that declare their own XML
/// entities are refused, as are documents over the size or nesting limits. Parsing is synchronous and keeps no
/// state between calls, so one parser can serve many tasks.
public struct FeedParser: Sendable {
    /// The limits applied to every document.
    public var limits: ParseLimits

    /// Creates a parser.
    ///
    /// - Parameter limits: The size and nesting limits to enforce.
    public init(limits: ParseLimits = ParseLimits()) {
        self.limits = limits
    }

    /// Parses a feed document.
    ///
    /// - Parameters:
    ///   - data: The document as fetched; the encoding is taken from its BOM or XML declaration.
    ///   - url: The document's URL, used for error messages and as the base for relative links.
    /// - Returns: The feed's format, metadata and items in document order.
    /// - Throws: `ParseError` when the document is empty, too large, too deep, not well-formed, declares its own
    ///   entities, or is not an RSS or Atom feed.
    public func parse(_ data: Data, url: String?) throws(ParseError) -> ParsedFeed {
        guard data.count <= limits.maxBytes else {
            throw ParseError(
                .tooLarge,
                url: url,
                message: "the document is \(data.count) bytes, over the limit of \(limits.maxBytes) bytes"
            )
        }
        guard !Self.isBlank(data) else {
            throw ParseError(.empty, url: url, message: "the document is empty or only whitespace")
        }
        var scanner = PrologScanner(data)
        let prolog = scanner.scan()
        if prolog.declaresEntities {
            throw ParseError(.forbiddenEntity, url: url, message: "the document type declares entities")
        }
        if let root = prolog.rootName {
            let local = root.split(separator: ":").last.map(String.init) ?? root
            guard ["rss", "RDF", "feed"].contains(local) else {
                throw ParseError(
                    .unknownFormat,
                    url: url,
                    message: "the root element is <\(root)>, not <rss>, <rdf:RDF> or <feed>"
                )
            }
        }
        let document = Self.droppingWhitespaceBeforeDeclaration(data)
        do {
            return try read(document, url: url)
        } catch {
            guard error.isUndeclaredEntity, let repaired = HTMLEntityRepair.repairing(document) else {
                throw error.error
            }
            do {
                return try read(repaired, url: url)
            } catch _ {
                throw error.error
            }
        }
    }

    private func read(_ data: Data, url: String?) throws(LibXML2Reader.Failure) -> ParsedFeed {
        var builder = FeedBuilder(url: url)
        try LibXML2Reader.read(data, url: url, maxDepth: limits.maxDepth, into: &builder)
        do {
            return try builder.result()
        } catch {
            throw LibXML2Reader.Failure(error: error)
        }
    }

    /// Drops whitespace (and a UTF-8 byte order mark) before `<?xml`, which servers often emit and XML forbids.
    private static func droppingWhitespaceBeforeDeclaration(_ data: Data) -> Data {
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            start += 3
        }
        let bodyStart = data[start...].firstIndex { !(0x20 == $0 || 0x09 == $0 || 0x0A == $0 || 0x0D == $0) }
        guard let bodyStart, bodyStart > start, data[bodyStart...].starts(with: Array("<?xml".utf8)) else {
            return data
        }
        return data[bodyStart...]
    }

    /// Whether the document holds nothing but whitespace (and perhaps a UTF-8 byte order mark).
    private static func isBlank(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = bytes.dropFirst(3)
        }
        return bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
