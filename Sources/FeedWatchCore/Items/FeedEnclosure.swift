/// A file attached to an item: an RSS `enclosure`, an Atom `link rel="enclosure"`, a JSON Feed attachment or a
/// Media RSS `media:content`.
public struct FeedEnclosure: Sendable, Equatable, Hashable, Codable {
    /// The file's URL, absolute where the feed allows.
    public var url: String
    /// The file's MIME type, when given.
    public var type: String?
    /// The file's size in bytes, when given.
    public var length: Int?

    /// Creates an enclosure.
    ///
    /// - Parameters:
    ///   - url: The file's URL.
    ///   - type: Its MIME type.
    ///   - length: Its size in bytes.
    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
