/// Which feed an item came from, as analysis and alerts need to name it.
public struct FeedReference: Sendable, Equatable, Hashable, Codable {
    /// The store's identifier of the feed.
    public var id: Int64
    /// The feed's URL.
    public var url: String
    /// The feed's configured name, if any.
    public var name: String?

    /// Creates a feed reference.
    public init(id: Int64, url: String, name: String? = nil) {
        self.id = id
        self.url = url
        self.name = name
    }

    /// The name shown to users: the configured name, else the URL.
    public var displayName: String { name ?? url }
}
