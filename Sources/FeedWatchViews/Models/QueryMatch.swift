public import Foundation

/// One stored item a query matched, and why (`feedwatch query`).
public struct QueryMatch: Sendable, Equatable, Encodable {
    /// The item's event time.
    public var at: Date
    /// The outlet.
    public var feed: String
    /// The item's headline.
    public var title: String?
    /// The item's link.
    public var link: String?
    /// The item's summary.
    public var summary: String?
    /// The query's words the item holds (normalised), which made it match.
    public var terms: [String]
}
