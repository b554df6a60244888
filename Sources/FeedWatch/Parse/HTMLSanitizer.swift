import Foundation

/// Builds sanitized HTML and plain text from one walk over a parsed HTML fragment.
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

    let base: URL?
    var html = ""
    var text = ""

    init(base: URL?) {
        self.base = base
    }

    mutating func open(_ name: String, attributes: [(name: String, value: String)]) -> Bool {
        if Self.removedElements.contains(name) {
            return false
        }
        if HTMLText.blockElements.contains(name) {
            text += " "
        }
        guard Self.allowedElements.contains(name) else {
            return true
        }
        html += "<" + name
        for (attribute, value) in attributes where Self.allowedAttributes.contains(attribute) {
            var kept = value
            if Self.urlAttributes.contains(attribute) {
                guard let safe = Self.safeURL(value, base: base, allowImageData: name == "img") else {
                    continue
                }
                kept = safe
            }
            html += " " + attribute + "=\"" + Self.escape(kept, quotes: true) + "\""
        }
        html += ">"
        return true
    }

    mutating func close(_ name: String) {
        if HTMLText.blockElements.contains(name) {
            text += " "
        }
        if Self.allowedElements.contains(name) && !Self.voidElements.contains(name) {
            html += "</" + name + ">"
        }
    }

    mutating func text(_ characters: String) {
        html += Self.escape(characters, quotes: false)
        text += characters
    }

    /// The URL resolved against the base, or `nil` when its scheme could run code.
    ///
    /// - Parameters:
    ///   - value: The attribute value.
    ///   - base: The base URL for relative references.
    ///   - allowImageData: Whether a `data:image/` URL is acceptable (for `img src`).
    /// - Returns: The URL to keep, or `nil` to drop the attribute.
    static func safeURL(_ value: String, base: URL?, allowImageData: Bool) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let squeezed = String(trimmed.unicodeScalars.filter { $0.value > 0x20 }.prefix(16).map(Character.init))
            .lowercased()
        if squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:") || squeezed.hasPrefix("livescript:") {
            return nil
        }
        if squeezed.hasPrefix("data:") {
            return allowImageData && squeezed.hasPrefix("data:image/") && !squeezed.hasPrefix("data:image/svg")
                ? trimmed : nil
        }
        return resolve(trimmed, against: base)
    }

    /// A reference resolved against a base URL; the reference itself when it is absolute or cannot be resolved.
    ///
    /// - Parameters:
    ///   - reference: The URL reference.
    ///   - base: The base URL.
    /// - Returns: The absolute URL string.
    static func resolve(_ reference: String, against base: URL?) -> String {
        guard let base, !reference.isEmpty else {
            return reference
        }
        if let scheme = reference.split(separator: ":", maxSplits: 1).first, scheme.count < reference.count,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
            scheme.first?.isLetter == true
        {
            return reference
        }
        return URL(string: reference, relativeTo: base)?.absoluteString ?? reference
    }

    /// Escapes `&`, `<`, `>` (and `"` inside attributes) for HTML output.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - quotes: Whether to escape double quotes too.
    /// - Returns: The escaped text.
    static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else {
            return text
        }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}

/// Collects only the text of an HTML fragment, skipping the content of elements a reader never sees.
struct TextVisitor: HTMLVisitor {
    var text = ""

    mutating func open(_ name: String, attributes: [(name: String, value: String)]) -> Bool {
        if HTMLText.droppedElements.contains(name) {
            return false
        }
        if HTMLText.blockElements.contains(name) {
            text += " "
        }
        return true
    }

    mutating func close(_ name: String) {
        if HTMLText.blockElements.contains(name) {
            text += " "
        }
    }

    mutating func text(_ characters: String) {
        text += characters
    }
}
