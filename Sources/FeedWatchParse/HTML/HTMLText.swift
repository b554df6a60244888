public import Foundation

/// Turns HTML into plain text for analysis, and into sanitized HTML for storage.
public enum HTMLText {
    /// Elements whose content is never text a reader sees.
    static let droppedElements: Set<String> = ["script", "style", "noscript", "template", "head"]

    /// Elements that separate runs of text, so that `<p>a</p><p>b</p>` reads as `a b`.
    static let blockElements: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "blockquote", "pre", "hr", "section", "article", "header", "footer", "aside", "nav", "figure",
        "figcaption", "address", "main", "details", "summary", "img",
    ]

    /// Reduces HTML to plain text.
    ///
    /// Tags are removed, the content of `script`, `style` and `noscript` is dropped, block elements (`p`, `br`,
    /// `div`, `li`, headings, table rows...) separate words, entities are decoded, and every run of whitespace
    /// becomes a single space. Any input, however broken, yields a string.
    ///
    /// - Parameter html: The HTML source, such as an RSS `description`.
    /// - Returns: The text, trimmed; empty when the HTML holds no text.
    public static func plainText(_ html: String) -> String {
        var source = html
        return source.withUTF8 { plainText(utf8: $0) }
    }

    /// Reduces HTML given as UTF-8 bytes to plain text, as `plainText(_:)` does.
    ///
    /// - Parameter html: The HTML source as valid UTF-8.
    /// - Returns: The text, trimmed; empty when the HTML holds no text.
    static func plainText(utf8 html: UnsafeBufferPointer<UInt8>) -> String {
        var visitor = TextVisitor()
        visitor.text.reserveCapacity(html.count)
        if mayContainMarkup(html) {
            HTMLScanner.scan(html, visitor: &visitor)
        } else {
            visitor.text.append(html)
        }
        return visitor.text.string
    }

    /// Sanitizes HTML for storage and reduces it to text for analysis, in one parse.
    ///
    /// The sanitized markup keeps only harmless elements and attributes: `script`, `style` and similar elements are
    /// removed with their content, unknown elements are unwrapped, event handlers (`on*`) and styles are dropped,
    /// and links whose scheme can run code (`javascript:`, `vbscript:`, `data:` other than images) are removed.
    /// Relative `href` and `src` values are resolved against `base`.
    ///
    /// - Parameters:
    ///   - html: The HTML source.
    ///   - base: The URL relative links are resolved against, when known.
    /// - Returns: The sanitized HTML and the plain text.
    public static func sanitize(_ html: String, base: URL?) -> (html: String, text: String) {
        var source = html
        let origin = HTMLSanitizer.origin(of: base)
        return source.withUTF8 { sanitize(utf8: $0, base: base, origin: origin) }
    }

    /// Sanitizes HTML given as UTF-8 bytes and reduces it to text, as `sanitize(_:base:)` does, in one scan that
    /// writes both outputs into byte buffers and builds one string for each at the end.
    ///
    /// - Parameters:
    ///   - html: The HTML source as valid UTF-8.
    ///   - base: The URL relative links are resolved against, when known.
    ///   - origin: `HTMLSanitizer.origin(of: base)`, computed once per base by the caller.
    ///   - scratch: Buffers to write into instead of new ones, reused from field to field within one parse.
    /// - Returns: The sanitized HTML and the plain text.
    static func sanitize(
        utf8 html: UnsafeBufferPointer<UInt8>,
        base: URL?,
        origin: [UInt8]?,
        scratch: HTMLScratch? = nil
    ) -> (html: String, text: String) {
        var sanitizer = HTMLSanitizer(base: base, origin: origin, capacity: 0)
        if let scratch {
            swap(&sanitizer.html, &scratch.html)
            swap(&sanitizer.text, &scratch.text)
            sanitizer.html.removeAll()
            sanitizer.text.removeAll()
        }
        sanitizer.html.reserveCapacity(html.count)
        sanitizer.text.reserveCapacity(html.count)
        if mayContainMarkup(html) {
            HTMLScanner.scan(html, visitor: &sanitizer)
        } else {
            HTMLSanitizer.escape(html, quotes: false, into: &sanitizer.html)
            sanitizer.text.append(html)
        }
        let result = (html: sanitizer.html.withBytes { String(validUTF8: $0) }, text: sanitizer.text.string)
        if let scratch {
            swap(&sanitizer.html, &scratch.html)
            swap(&sanitizer.text, &scratch.text)
        }
        return result
    }

    /// Whether text holds markup or entities, so should be treated as HTML rather than plain text.
    ///
    /// - Parameter text: Any text.
    /// - Returns: `true` when it has a `<` or an entity reference.
    static func looksLikeHTML(_ text: String) -> Bool {
        var source = text
        return source.withUTF8 { mayContainMarkup($0) }
    }

    /// Whether the text has a `<` or something shaped like an entity (`&name;`, `&#...;`); plain text such as
    /// `Truce & talks` skips the HTML parser.
    private static func mayContainMarkup(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var sinceAmpersand: Int?
        for byte in text {
            switch byte {
            case UInt8(ascii: "<"):
                return true
            case UInt8(ascii: "&"):
                sinceAmpersand = 0
            case UInt8(ascii: ";"):
                if let distance = sinceAmpersand, distance > 0 {
                    return true
                }
                sinceAmpersand = nil
            default:
                if let distance = sinceAmpersand {
                    let isNameByte =
                        byte == UInt8(ascii: "#")
                        || (byte | 0x20) >= UInt8(ascii: "a")
                            && (byte | 0x20) <= UInt8(ascii: "z")
                        || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                    sinceAmpersand = isNameByte && distance < 32 ? distance + 1 : nil
                }
            }
        }
        return false
    }

    /// Replaces every run of whitespace (including no-break spaces and line breaks) with one space, and trims.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text with whitespace collapsed.
    static func collapsingWhitespace(_ text: String) -> String {
        var source = text
        return source.withUTF8 { bytes -> String in
            var output = [UInt8]()
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let length = whitespaceLength(bytes, at: index)
                if length > 0 {
                    pendingSpace = !output.isEmpty
                    index += length
                    continue
                }
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(byte)
                index += 1
            }
            if output.count == bytes.count && output.elementsEqual(bytes) {
                return text
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The length in bytes of the whitespace character (Unicode `White_Space`, zero-width space or NUL) at
    /// `index`, or 0 when there is none.
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            return byte == 0x20 || (0x09...0x0D).contains(byte) || byte == 0 ? 1 : 0
        }
        if byte == 0xC2, index + 1 < bytes.count {
            return bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85 ? 2 : 0
        }
        guard index + 2 < bytes.count else {
            return 0
        }
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        switch byte {
        case 0xE1: return second == 0x9A && third == 0x80 ? 3 : 0
        case 0xE2:
            if second == 0x80 {
                return (0x80...0x8B).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3: return second == 0x80 && third == 0x80 ? 3 : 0
        default: return 0
        }
    }
}
