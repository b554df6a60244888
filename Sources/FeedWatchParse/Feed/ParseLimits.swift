/// Resource limits the feed parser enforces before and while reading a document.
///
/// The defaults suit any real feed; they exist so that a hostile or broken server cannot make feedwatch spend
/// unbounded memory or time on one document.
public struct ParseLimits: Sendable, Equatable {
    /// The largest document accepted, in bytes (default 32 MiB).
    public var maxBytes: Int
    /// The deepest element nesting accepted, counting the root element as level 1 (default 256).
    ///
    /// libxml2 itself refuses documents nested deeper than 256 levels, so larger values have no effect.
    public var maxDepth: Int

    /// Creates parse limits.
    ///
    /// - Parameters:
    ///   - maxBytes: The largest document accepted, in bytes.
    ///   - maxDepth: The deepest element nesting accepted.
    public init(maxBytes: Int = 32 * 1024 * 1024, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}
