/// What the sanitizer and the text extractor do with an HTML element, looked up once per tag.
struct HTMLElementKind: OptionSet, Sendable {
    let rawValue: UInt8

    /// Kept in sanitized output.
    static let allowed = HTMLElementKind(rawValue: 1)
    /// Removed from sanitized output with all its content.
    static let removed = HTMLElementKind(rawValue: 2)
    /// Separates words in text (`p`, `br`, `li`...).
    static let block = HTMLElementKind(rawValue: 4)
    /// Never has an end tag.
    static let void = HTMLElementKind(rawValue: 8)
    /// Its content is never text a reader sees (`script`, `style`...).
    static let hidden = HTMLElementKind(rawValue: 16)
    /// Its content is text up to its end tag, never markup (`script`, `textarea`...), for the scanner.
    static let rawText = HTMLElementKind(rawValue: 32)
    /// Never has content, so the scanner never keeps it open (`img`, `input`, `meta`...).
    static let empty = HTMLElementKind(rawValue: 64)

    /// The kind of every element the sanitizer or extractor treats specially; any other element is unwrapped.
    static let table: HTMLNameTable<HTMLElementKind> = {
        var table: [String: HTMLElementKind] = [:]
        for name in HTMLSanitizer.allowedElements {
            table[name, default: []].insert(.allowed)
        }
        for name in HTMLSanitizer.removedElements {
            table[name, default: []].insert(.removed)
        }
        for name in HTMLText.blockElements {
            table[name, default: []].insert(.block)
        }
        for name in HTMLSanitizer.voidElements {
            table[name, default: []].insert(.void)
        }
        for name in HTMLText.droppedElements {
            table[name, default: []].insert(.hidden)
        }
        for name in HTMLScanner.rawTextElements {
            table[name, default: []].insert(.rawText)
        }
        for name in HTMLScanner.voidElements {
            table[name, default: []].insert(.empty)
        }
        return HTMLNameTable(table.map { (HTMLName($0.key), $0.value) }, fallback: [])
    }()

    /// The kind of an element by its lower-case name.
    ///
    /// - Parameter name: The element name.
    /// - Returns: Its kind; empty for an element with no special treatment.
    static func of(_ name: String) -> HTMLElementKind {
        table[HTMLName(name)]
    }

    /// The kind of an element by its packed name.
    ///
    /// - Parameter name: The element name.
    /// - Returns: Its kind; empty for an element with no special treatment.
    static func of(_ name: HTMLName) -> HTMLElementKind {
        table[name]
    }
}
