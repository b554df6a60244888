import Foundation

/// A person named by a feed or item: an author or contributor.
public struct FeedPerson: Sendable, Equatable, Hashable, Codable {
    /// The person's name.
    public var name: String?
    /// The person's e-mail address.
    public var email: String?
    /// The person's home page.
    public var uri: String?

    /// Creates a person; every field defaults to absent.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - email: The e-mail address.
    ///   - uri: The home page.
    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    /// Whether no field is set.
    public var isEmpty: Bool {
        name == nil && email == nil && uri == nil
    }

    /// Reads the RSS conventions `jo@example.org (Jo Doe)`, `Jo Doe <jo@example.org>` and a bare address or name.
    ///
    /// - Parameter text: The element's text, whitespace already collapsed.
    /// - Returns: The person; `nil` when the text is empty.
    public static func parsing(_ text: String) -> FeedPerson? {
        guard !text.isEmpty else {
            return nil
        }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let outside = text[..<open].trimmingCharacters(in: .whitespaces)
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            if outside.contains("@"), !outside.contains(" ") {
                return FeedPerson(name: inside.isEmpty ? nil : inside, email: outside)
            }
        }
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            let outside = text[..<open].trimmingCharacters(in: .whitespaces)
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            if inside.contains("@") {
                return FeedPerson(name: outside.isEmpty ? nil : outside, email: inside)
            }
        }
        // ASCII text (most names) is searched byte by byte; other text as before, with Foundation's `contains`.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let hasAt = isASCII ? text.utf8.contains(UInt8(ascii: "@")) : text.contains("@")
        if hasAt, !(isASCII ? text.utf8.contains(UInt8(ascii: " ")) : text.contains(" ")) {
            return FeedPerson(email: text)
        }
        return FeedPerson(name: text)
    }
}
