import Foundation

/// Builds sanitized HTML and plain text from one scan of an HTML fragment.
struct HTMLSanitizer: HTMLVisitor, ~Copyable {
    /// Elements kept in sanitized output (with their safe attributes).
    static let allowedElements: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br",
        "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt",
        "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u",
        "ul", "var", "audio", "video", "source", "picture", "wbr",
    ]

    /// Elements removed together with everything inside them.
    static let removedElements: Set<String> = [
        "script", "style", "noscript", "template", "head", "iframe", "frame", "frameset", "object", "embed",
        "applet", "form", "input", "button", "select", "textarea", "link", "meta", "base", "title", "svg", "math",
    ]

    /// Elements that never have an end tag.
    static let voidElements: Set<String> = ["br", "hr", "img", "col", "source", "wbr"]

    /// Attributes kept on allowed elements.
    static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "cite", "datetime", "lang", "dir",
        "align", "valign", "border", "start", "type", "controls", "poster", "summary", "abbr", "scope", "headers",
    ]

    /// Attributes holding URLs, resolved and checked for dangerous schemes.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    /// What the sanitizer does with an attribute, looked up once per attribute.
    private static let attributeKinds: HTMLNameTable<UInt8> = HTMLNameTable(
        allowedAttributes.map { (HTMLName($0), urlAttributes.contains($0) ? 2 : 1) },
        fallback: 0
    )

    let base: URL?
    /// `scheme://authority` of the base as UTF-8, for resolving `/path` references without Foundation's URL
    /// machinery; `nil` when the base has none.
    let origin: [UInt8]?
    /// The sanitized HTML so far, as UTF-8.
    var html = TextBuffer()
    var text = CollapsedText()

    /// Creates a sanitizer.
    ///
    /// - Parameters:
    ///   - base: The URL relative links are resolved against, when known.
    ///   - capacity: The expected size of each output in bytes (the source's size), reserved up front.
    init(base: URL?, capacity: Int = 0) {
        self.init(base: base, origin: Self.origin(of: base), capacity: capacity)
    }

    /// Creates a sanitizer whose base's origin is already known.
    ///
    /// - Parameters:
    ///   - base: The URL relative links are resolved against, when known.
    ///   - origin: `HTMLSanitizer.origin(of: base)`.
    ///   - capacity: The expected size of each output in bytes (the source's size), reserved up front.
    init(base: URL?, origin: [UInt8]?, capacity: Int) {
        self.base = base
        self.origin = origin
        html.reserveCapacity(capacity)
        text.reserveCapacity(capacity)
    }

    mutating func open(_ tag: HTMLTag, attributes: HTMLAttributes) -> Bool {
        let kind = tag.kind
        if kind.contains(.removed) {
            return false
        }
        if kind.contains(.block) {
            text.boundary()
        }
        guard kind.contains(.allowed) else {
            return true
        }
        html.append(UInt8(ascii: "<"))
        tag.name.append(to: &html)
        for attribute in attributes.entries {
            let attributeKind = Self.attributeKinds[attribute.name]
            guard attributeKind != 0 else {
                continue
            }
            let value = attributes.value(of: attribute)
            if attributeKind == 2 {
                appendURLAttribute(attribute.name, value, allowImageData: tag.name == Self.image)
            } else {
                html.append(UInt8(ascii: " "))
                attribute.name.append(to: &html)
                Self.append("=\"", to: &html)
                Self.escape(value, quotes: true, into: &html)
                html.append(UInt8(ascii: "\""))
            }
        }
        html.append(UInt8(ascii: ">"))
        return true
    }

    mutating func close(_ tag: HTMLTag) {
        let kind = tag.kind
        if kind.contains(.block) {
            text.boundary()
        }
        if kind.contains(.allowed) && !kind.contains(.void) {
            Self.append("</", to: &html)
            tag.name.append(to: &html)
            html.append(UInt8(ascii: ">"))
        }
    }

    mutating func text(_ characters: UnsafeBufferPointer<UInt8>) {
        Self.escape(characters, quotes: false, into: &html)
        text.append(characters)
    }

    private static let image = HTMLName("img")

    private mutating func appendAttribute(_ name: HTMLName, _ value: String) {
        var source = value
        source.withUTF8 { appendAttribute(name, $0) }
    }

    private mutating func appendAttribute(_ name: HTMLName, _ value: UnsafeBufferPointer<UInt8>, prefix: [UInt8] = []) {
        html.append(UInt8(ascii: " "))
        name.append(to: &html)
        Self.append("=\"", to: &html)
        prefix.withUnsafeBufferPointer { Self.escape($0, quotes: true, into: &html) }
        Self.escape(value, quotes: true, into: &html)
        html.append(UInt8(ascii: "\""))
    }

    /// Appends a URL attribute resolved against the base, or nothing when its scheme could run code.
    ///
    /// The common shapes stay on bytes: a root-relative path (`/story/1`) is prefixed with the base's origin, and a
    /// reference that needs no resolving (absolute, or no base) is copied trimmed. Anything else, and `data:` URLs,
    /// take `safeURL`, whose result this always equals.
    private mutating func appendURLAttribute(
        _ name: HTMLName,
        _ value: UnsafeBufferPointer<UInt8>,
        allowImageData: Bool
    ) {
        if Self.isPlainRootPath(value), let origin {
            appendAttribute(name, value, prefix: origin)
            return
        }
        let trimmed = value.trimmingASCIIWhitespace()
        switch Self.scheme(of: trimmed) {
        case .script:
            return
        case .data:
            break
        case .other:
            if base == nil || trimmed.isEmpty || Self.hasScheme(trimmed) {
                appendAttribute(name, trimmed)
                return
            }
        }
        let url = String(decoding: value, as: UTF8.self)
        if let safe = Self.safeURL(url, base: base, allowImageData: allowImageData) {
            appendAttribute(name, safe)
        }
    }

    /// What the scheme of a URL means to the sanitizer: an allow-list, not a deny-list.
    private enum SchemeClass {
        /// Any scheme but `http:`, `https:`, `mailto:` and `data:` (`javascript:`, `vbscript:`, `file:`...): dropped.
        case script
        /// `data:`: kept for images only.
        case data
        /// `http:`, `https:`, `mailto:`, or no scheme at all (a relative reference).
        case other
    }

    /// The class of a trimmed URL's scheme, for `safeURL` and its byte path alike: bytes up to `:` (at most 13),
    /// spaces and control bytes skipped (browsers skip them too), ASCII letters lowered. Bytes that cannot be part of
    /// a scheme before the `:` make the reference relative.
    private static func scheme(of url: UnsafeBufferPointer<UInt8>) -> SchemeClass {
        var scheme: (UInt64, UInt64) = (0, 0)
        var count = 0
        var colon = false
        for byte in url where byte > 0x20 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if count < 8 {
                scheme.0 |= UInt64(lower) << (UInt64(count) * 8)
            } else {
                scheme.1 |= UInt64(lower) << (UInt64(count - 8) * 8)
            }
            count += 1
            if byte == UInt8(ascii: ":") {
                colon = count > 1
                break
            }
            if count > 12 {
                break
            }
        }
        guard colon else {
            return .other
        }
        if scheme == Self.httpScheme || scheme == Self.httpsScheme || scheme == Self.mailtoScheme {
            return .other
        }
        if scheme == Self.dataScheme {
            return .data
        }
        // Anything else is refused, unless what stands before the `:` cannot be a scheme (`a/b:c` is a path).
        return isSchemeName(url) ? .script : .other
    }

    /// Whether the bytes before the first `:` (spaces and control bytes skipped) form a scheme name: a letter, then
    /// letters, digits, `+`, `-` or `.`.
    private static func isSchemeName(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        for byte in url where byte > 0x20 {
            if byte == UInt8(ascii: ":") {
                return count > 0
            }
            let lower = byte | 0x20
            let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
            let isOther =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (count > 0 && isOther) else {
                return false
            }
            count += 1
        }
        return false
    }

    private static let httpScheme = packed("http:")
    private static let httpsScheme = packed("https:")
    private static let mailtoScheme = packed("mailto:")
    private static let dataScheme = packed("data:")

    /// Up to 16 ASCII bytes packed little-endian into two words, as `scheme(of:)` packs a scheme.
    private static func packed(_ text: String) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        for (index, byte) in text.utf8.enumerated() {
            if index < 8 {
                words.0 |= UInt64(byte) << (UInt64(index) * 8)
            } else {
                words.1 |= UInt64(byte) << (UInt64(index - 8) * 8)
            }
        }
        return words
    }

    /// The URL resolved against the base, or `nil` when its scheme could run code.
    ///
    /// - Parameters:
    ///   - value: The attribute value.
    ///   - base: The base URL for relative references.
    ///   - allowImageData: Whether a `data:image/` URL is acceptable (for `img src`).
    /// - Returns: The URL to keep, or `nil` to drop the attribute.
    static func safeURL(_ value: String, base: URL?, allowImageData: Bool) -> String? {
        var trimmed = value.trimmedASCIIWhitespace
        switch trimmed.withUTF8({ scheme(of: $0) }) {
        case .script:
            return nil
        case .data:
            let lower = trimmed.prefix(16).lowercased()
            return allowImageData && lower.hasPrefix("data:image/") && !lower.hasPrefix("data:image/svg")
                ? trimmed : nil
        case .other:
            return safeLink(trimmed, against: base)
        }
    }

    /// A link resolved against a base, checked again once resolved: `nil` unless its scheme is `http`, `https` or
    /// `mailto`, or it is still relative (there was no base).
    ///
    /// - Parameters:
    ///   - reference: The URL reference as the feed wrote it, trimmed.
    ///   - base: The base URL, an `http(s)` one (see `httpBase`).
    /// - Returns: The URL to keep, or `nil` to drop it.
    static func safeLink(_ reference: String, against base: URL?) -> String? {
        var resolved = resolve(reference, against: base)
        return resolved.withUTF8({ scheme(of: $0) }) == .other ? resolved : nil
    }

    /// The URL as a base for relative references, when it is an `http` or `https` one; a `javascript:`, `data:` or
    /// `file:` base would turn every relative link into one of its own kind.
    ///
    /// - Parameter url: A document URL, `xml:base` or JSON Feed `feed_url`.
    /// - Returns: The URL, or `nil`.
    static func httpBase(_ url: URL?) -> URL? {
        guard let url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return nil
        }
        return url
    }

    /// Whether a reference is `/path` with no dot segment, no second leading slash, no whitespace, backslash or
    /// non-ASCII byte: resolving it is just prefixing the base's origin.
    private static func isPlainRootPath(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 1, value[0] == UInt8(ascii: "/"), value.count < 2 || value[1] != UInt8(ascii: "/") else {
            return false
        }
        var previous: UInt8 = 0
        for byte in value {
            if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\")
                || (byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/"))
            {
                return false
            }
            previous = byte
        }
        return true
    }

    /// `scheme://authority` of a base URL as UTF-8, which `/path` references are resolved against by prefixing it;
    /// `nil` when the base has no host, has a user, or its host is an IPv6 literal (Foundation resolves those).
    ///
    /// - Parameter base: The base URL.
    /// - Returns: The origin's bytes.
    static func origin(of base: URL?) -> [UInt8]? {
        guard let base, let scheme = base.scheme, let host = base.host, !host.utf8.contains(UInt8(ascii: ":")),
            base.user == nil
        else {
            return nil
        }
        return Array((scheme + "://" + host + (base.port.map { ":\($0)" } ?? "")).utf8)
    }

    /// A reference resolved against a base URL; the reference itself when it is absolute or cannot be resolved.
    ///
    /// - Parameters:
    ///   - reference: The URL reference.
    ///   - base: The base URL.
    /// - Returns: The absolute URL string.
    static func resolve(_ reference: String, against base: URL?) -> String {
        guard let base, !reference.isEmpty, !hasScheme(reference) else {
            return reference
        }
        return URL(string: reference, relativeTo: base)?.absoluteString ?? reference
    }

    /// Whether a reference starts with `scheme:`, so is absolute.
    private static func hasScheme(_ reference: String) -> Bool {
        var source = reference
        return source.withUTF8 { hasScheme($0) }
    }

    /// Whether a reference given as UTF-8 starts with `scheme:`, so is absolute.
    private static func hasScheme(_ reference: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        for byte in reference {
            if byte == UInt8(ascii: ":") {
                return count > 0
            }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isOther =
                byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (count > 0 && isOther) else {
                return false
            }
            count += 1
        }
        return false
    }

    /// Escapes `&`, `<`, `>` (and `"` inside attributes) for HTML output.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - quotes: Whether to escape double quotes too.
    /// - Returns: The escaped text.
    static func escape(_ text: String, quotes: Bool) -> String {
        var source = text
        return source.withUTF8 { bytes -> String in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else {
                return text
            }
            var output = [UInt8]()
            output.reserveCapacity(bytes.count + 32)
            escape(bytes, quotes: quotes, into: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Appends text to a buffer with `&`, `<`, `>` (and `"` inside attributes) escaped for HTML output.
    ///
    /// - Parameters:
    ///   - bytes: The text as UTF-8.
    ///   - quotes: Whether to escape double quotes too.
    ///   - output: The buffer.
    static func escape<Output: ByteSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        quotes: Bool,
        into output: inout Output
    ) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            index = plainRunEnd(bytes, from: index, quotes: quotes)
            // The word that stopped the skip (or the tail), byte by byte.
            let wordEnd = min(index + 8, bytes.count)
            while index < wordEnd {
                let byte = bytes[index]
                if byte <= 0x3E, byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && byte == 0x22) {
                    output.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    runStart = index + 1
                    switch byte {
                    case 0x26: append("&amp;", to: &output)
                    case 0x3C: append("&lt;", to: &output)
                    case 0x3E: append("&gt;", to: &output)
                    default: append("&quot;", to: &output)
                    }
                }
                index += 1
            }
        }
        output.appendBytes(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// Skips whole eight-byte words holding nothing `escape` replaces (`&`, `<`, `>`, and `"` when `quotes`).
    ///
    /// A word is tested with the zero-byte trick on its XOR with each special byte; the trick may flag a byte that
    /// is fine, never miss one that is not, and a flagged word just leaves the rest to the byte-by-byte loop.
    ///
    /// - Parameters:
    ///   - bytes: The text as UTF-8.
    ///   - start: Where to start.
    ///   - quotes: Whether double quotes are replaced too.
    /// - Returns: The position after the last whole word skipped, or `start`.
    private static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, quotes: Bool) -> Int {
        guard let base = bytes.baseAddress else {
            return start
        }
        /// Whether `byte` may be among the eight bytes of `word` (never `false` when it is).
        func hasByte(_ word: UInt64, _ byte: UInt64) -> Bool {
            let difference = word ^ (byte &* 0x0101_0101_0101_0101)
            return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080 != 0
        }
        /// Whether `word` may hold `<` or `>`: one test for the bytes 0x3C–0x3F, whose XOR with 0x3C is below 4.
        func hasAngleBracket(_ word: UInt64) -> Bool {
            let difference = word ^ 0x3C3C_3C3C_3C3C_3C3C
            return (difference &- 0x0404_0404_0404_0404) & ~difference & 0x8080_8080_8080_8080 != 0
        }
        var end = start
        while end + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
            if hasByte(word, 0x26) || hasAngleBracket(word) || (quotes && hasByte(word, 0x22)) {
                break
            }
            end += 8
        }
        return end
    }

    /// Appends the bytes of a literal to a buffer.
    ///
    /// - Parameters:
    ///   - literal: ASCII text.
    ///   - output: The buffer.
    static func append<Output: ByteSink & ~Copyable>(_ literal: StaticString, to output: inout Output) {
        output.appendBytes(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
