import FeedWatchCore
import Foundation

/// Reads a person written as one line of text, as RSS `author`, `managingEditor` and `dc:creator` give them:
/// `me@example.com (Jo Doe)`, `Jo Doe (me@example.com)`, `Jo Doe <me@example.com>`, a bare address or a bare name.
///
/// The e-mail address is found wherever it stands; what is left, without its brackets, is the name.
enum PersonText {
    /// The person the text names.
    ///
    /// - Parameter text: The element's text, whitespace already collapsed.
    /// - Returns: The person; `nil` when the text is empty.
    static func person(from text: String) -> FeedPerson? {
        guard !text.isEmpty else {
            return nil
        }
        guard let email = emailRange(in: text) else {
            return FeedPerson(name: text)
        }
        var name = text
        name.removeSubrange(email)
        for empty in ["()", "<>", "&lt;&gt;"] {
            name = name.replacingOccurrences(of: empty, with: "")
        }
        name = name.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("(") {
            name.removeFirst()
        }
        if name.hasSuffix(")") {
            name.removeLast()
        }
        name = name.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("mailto:") {
            name.removeFirst(7)
        }
        return FeedPerson(name: name.isEmpty ? nil : name, email: String(text[email]))
    }

    /// The first e-mail address in the text: a local part, `@`, and a domain with at least one dot.
    private static func emailRange(in text: String) -> Range<String.Index>? {
        guard text.utf8.contains(UInt8(ascii: "@")) else {
            return nil
        }
        let characters = Array(text)
        for (at, character) in characters.enumerated() where character == "@" {
            var start = at
            while start > 0, isLocal(characters[start - 1]) {
                start -= 1
            }
            var end = at + 1
            while end < characters.count, isDomain(characters[end]) {
                end += 1
            }
            while end > at + 1, characters[end - 1] == "." || characters[end - 1] == "-" {
                end -= 1
            }
            let domain = characters[(at + 1)..<end]
            guard start < at, domain.contains("."), domain.first != "." else {
                continue
            }
            let lower = text.index(text.startIndex, offsetBy: start)
            let upper = text.index(text.startIndex, offsetBy: end)
            return lower..<upper
        }
        return nil
    }

    private static func isLocal(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-.+".contains(character))
    }

    private static func isDomain(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-.".contains(character))
    }
}
