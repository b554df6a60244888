public import Foundation

/// Parses RSS 0.9x/2.0, RSS 0.90/1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1 and CDF documents into a `ParsedFeed`,
/// XML in one streaming pass.
///
/// The format is recognised from the content (the root element, or a JSON object), never from the URL. Documents that
/// declare their own XML entities are refused, as are documents over the size or nesting limits. Parsing is synchronous
/// and keeps no state between calls, so one parser can serve many tasks.
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
    /// The document is decoded to UTF-8 first (byte order mark, then the HTTP charset, then the XML declaration),
    /// then read strictly. A document that is not well-formed is repaired where the damage is typical (HTML entities
    /// such as `&nbsp;`, a bare `&`) or read again in libxml2's recovery mode; the result then has `wellformed`
    /// set to `false` and holds what could be saved.
    ///
    /// - Parameters:
    ///   - data: The document as fetched.
    ///   - url: The document's URL, used for error messages and as the base for relative links.
    ///   - contentType: The HTTP `Content-Type` of the response, whose `charset` decides the encoding.
    /// - Returns: The feed's format, metadata and items in document order.
    /// - Throws: `ParseError` when the document is empty, too large, too deep, declares its own entities, is not a
    ///   feed, or is so broken that not even its root element could be read.
    public func parse(_ data: Data, url: String?, contentType: String? = nil) throws(ParseError) -> ParsedFeed {
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
        if Self.looksLikeJSON(data) {
            var feed = try JSONFeedReader.parse(data, url: url, maxDepth: limits.maxDepth)
            feed.removeControlCharacters()
            return feed
        }
        var decoded = DocumentDecoder.decode(data, contentType: contentType)
        var scanner = PrologScanner(decoded.data)
        let prolog = scanner.scan()
        if prolog.declaresEntities {
            // Declared and never used (a DTD pasted from a template) is read without the DTD, which changes nothing;
            // declared and used is refused, whatever the entity: nothing is ever expanded.
            guard let documentType = prolog.documentType,
                !Self.references(prolog.entityNames, in: decoded.data[documentType.upperBound...])
            else {
                throw ParseError(.forbiddenEntity, url: url, message: "the document type declares entities")
            }
            decoded.data = Self.blanking(documentType, in: decoded.data)
        }
        if let root = prolog.rootName {
            let local = root.split(separator: ":").last.map(String.init) ?? root
            guard ["rss", "RDF", "feed", "CHANNEL", "channel"].contains(local) else {
                throw ParseError(
                    .unknownFormat,
                    url: url,
                    message: "the root element is <\(root)>, not <rss>, <rdf:RDF> or <feed>"
                )
            }
        }
        let document = Self.droppingWhitespaceBeforeDeclaration(decoded.data)
        var feed = try readForgiving(document, url: url)
        feed.wellformed = feed.wellformed && decoded.wellformed
        feed.encoding = decoded.encoding
        return feed
    }

    /// Whether the document references any of the entities, as `&name;`.
    private static func references(_ names: [String], in body: Data) -> Bool {
        names.contains { name in
            body.range(of: Data("&\(name);".utf8)) != nil
        }
    }

    /// The document with a range replaced by spaces, line breaks kept so that error lines still match.
    private static func blanking(_ range: Range<Data.Index>, in data: Data) -> Data {
        var output = data
        for index in range where output[index] != 0x0A {
            output[index] = 0x20
        }
        return output
    }

    /// Reads strictly; on a well-formedness error, repairs typical damage and reads again, then recovers.
    private func readForgiving(_ document: Data, url: String?) throws(ParseError) -> ParsedFeed {
        do {
            return try read(document, url: url, recovering: false)
        } catch {
            guard error.error.code == .malformedXML else {
                throw error.error
            }
            let repaired = HTMLEntityRepair.repairing(document)
            if let repaired, var feed = try? read(repaired, url: url, recovering: false) {
                feed.wellformed = false
                return feed
            }
            var recovered: ParsedFeed
            do {
                recovered = try read(repaired ?? document, url: url, recovering: true)
            } catch let recoveryError {
                guard recoveryError.error.code == .malformedXML || recoveryError.error.code == .unknownFormat else {
                    throw recoveryError.error
                }
                throw error.error
            }
            // A recovery that found a root element but nothing in it has saved nothing.
            guard recovered.hasContent else {
                throw error.error
            }
            recovered.wellformed = false
            return recovered
        }
    }

    private func read(_ data: Data, url: String?, recovering: Bool) throws(LibXML2Reader.Failure) -> ParsedFeed {
        var builder = FeedBuilder(
            url: url,
            textMayHoldControls: recovering || ControlCharacters.documentMayHoldControls(data)
        )
        let namespaced = try LibXML2Reader.read(
            data,
            url: url,
            maxDepth: limits.maxDepth,
            recovering: recovering,
            into: &builder
        )
        do {
            var feed = try builder.result()
            feed.wellformed = feed.wellformed && namespaced
            return feed
        } catch {
            throw LibXML2Reader.Failure(error: error)
        }
    }

    /// Whether the first byte after whitespace (and a UTF-8 byte order mark) opens a JSON object.
    private static func looksLikeJSON(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = bytes.dropFirst(3)
        }
        let first = bytes.first { !(0x20 == $0 || 0x09 == $0 || 0x0A == $0 || 0x0D == $0) }
        return first == UInt8(ascii: "{")
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

extension ParsedFeed {
    /// Whether anything at all was read: a title, link, language, subtitle, identifier, date, author or item.
    fileprivate var hasContent: Bool {
        title != nil || link != nil || language != nil || subtitle != nil || id != nil || updated != nil
            || published != nil || !authors.isEmpty || !items.isEmpty
    }
}
