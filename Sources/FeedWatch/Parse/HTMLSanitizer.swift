import Foundation

/// Builds sanitized HTML and plain text from one scan of an HTML fragment.
struct HTMLSanitizer: HTMLVisitor {
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
    /// The sanitized HTML so far, as UTF-8.
    var html: [UInt8] = []
    var text = CollapsedText()

    /// Creates a sanitizer.
    ///
    /// - Parameters:
    ///   - base: The URL relative links are resolved against, when known.
    ///   - capacity: The expected size of each output in bytes (the source's size), reserved up front.
    init(base: URL?, capacity: Int = 0) {
        self.base = base
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
                let url = String(decoding: value, as: UTF8.self)
                guard let safe = resolvedURL(url, allowImageData: tag.name == Self.image) else {
                    continue
                }
                appendAttribute(attribute.name, safe)
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
        html.append(UInt8(ascii: " "))
        name.append(to: &html)
        Self.append("=\"", to: &html)
        var source = value
        source.withUTF8 { Self.escape($0, quotes: true, into: &html) }
        html.append(UInt8(ascii: "\""))
    }

    /// The URL resolved against the base, or `nil` when its scheme could run code.
    ///
    /// - Parameters:
    ///   - value: The attribute value.
    ///   - base: The base URL for relative references.
    ///   - allowImageData: Whether a `data:image/` URL is acceptable (for `img src`).
    /// - Returns: The URL to keep, or `nil` to drop the attribute.
    static func safeURL(_ value: String, base: URL?, allowImageData: Bool) -> String? {
        let trimmed = value.trimmedASCIIWhitespace
        var scheme: [UInt8] = []
        for byte in trimmed.utf8 where byte > 0x20 {
            if byte == UInt8(ascii: ":") || scheme.count >= 12 {
                scheme.append(byte)
                break
            }
            scheme.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        if scheme.last == UInt8(ascii: ":") {
            switch String(decoding: scheme, as: UTF8.self) {
            case "javascript:", "vbscript:", "livescript:":
                return nil
            case "data:":
                let lower = trimmed.prefix(16).lowercased()
                return allowImageData && lower.hasPrefix("data:image/") && !lower.hasPrefix("data:image/svg")
                    ? trimmed : nil
            default:
                break
            }
        }
        return resolve(trimmed, against: base)
    }

    /// Whether a reference is `/path` with no dot segment, no second leading slash, no whitespace, backslash or
    /// non-ASCII byte: resolving it is just prefixing the base's origin.
    private static func isPlainRootPath(_ value: String) -> Bool {
        var previous: UInt8 = 0
        for (index, byte) in value.utf8.enumerated() {
            if index == 0 && byte != UInt8(ascii: "/") || index == 1 && byte == UInt8(ascii: "/") {
                return false
            }
            if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\")
                || (byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/"))
            {
                return false
            }
            previous = byte
        }
        return previous != 0
    }

    /// `scheme://authority` of the base, for resolving `/path` references without Foundation's URL machinery.
    private lazy var origin: String? = {
        guard let base, let scheme = base.scheme, let host = base.host, !host.utf8.contains(UInt8(ascii: ":")),
            base.user == nil
        else {
            return nil
        }
        return scheme + "://" + host + (base.port.map { ":\($0)" } ?? "")
    }()

    /// Resolves a URL attribute: the fast path for root-relative paths (`/story/1`), Foundation for the rest.
    private mutating func resolvedURL(_ value: String, allowImageData: Bool) -> String? {
        if Self.isPlainRootPath(value), let origin {
            return origin + value
        }
        return Self.safeURL(value, base: base, allowImageData: allowImageData)
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
        var count = 0
        for byte in reference.utf8 {
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
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, quotes: Bool, into output: inout [UInt8]) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            index = plainRunEnd(bytes, from: index, quotes: quotes)
            // The word that stopped the skip (or the tail), byte by byte.
            let wordEnd = min(index + 8, bytes.count)
            while index < wordEnd {
                let byte = bytes[index]
                if byte <= 0x3E, byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && byte == 0x22) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
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
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
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
        var end = start
        while end + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
            if hasByte(word, 0x26) || hasByte(word, 0x3C) || hasByte(word, 0x3E) || (quotes && hasByte(word, 0x22)) {
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
    static func append(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
