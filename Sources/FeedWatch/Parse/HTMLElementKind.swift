/// What the sanitizer and the text extractor do with an HTML element, looked up once per tag.
struct HTMLElementKind: OptionSet {
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

    /// The kind of every element the sanitizer or extractor treats specially; any other element is unwrapped.
    static let table: [String: HTMLElementKind] = {
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
        return table
    }()

    /// The kind of an element by its lower-case name.
    ///
    /// - Parameter name: The element name.
    /// - Returns: Its kind; empty for an element with no special treatment.
    static func of(_ name: String) -> HTMLElementKind {
        table[name] ?? []
    }
}
