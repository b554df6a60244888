/// A text construct as the feed gave it: its type and its value, ready for storage.
///
/// `type` is `text`, `html`, `xhtml` or a MIME type. For `html` and `xhtml` the value is sanitized markup (no
/// scripts, styles, event handlers or `javascript:` URLs, relative links resolved); for `text` it is plain text.
public struct FeedText: Sendable, Equatable, Hashable, Codable {
    /// `text`, `html`, `xhtml` or a MIME type such as `text/markdown`.
    public var type: String
    /// The value: plain text, or sanitized HTML/XHTML markup.
    public var value: String

    /// Creates a text construct.
    ///
    /// - Parameters:
    ///   - type: `text`, `html`, `xhtml` or a MIME type.
    ///   - value: The value in that type.
    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}
