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
}
