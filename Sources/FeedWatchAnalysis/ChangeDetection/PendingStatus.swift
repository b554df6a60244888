public import Foundation

/// A new status that too few independent outlets have reported so far, with the reports gathered.
public struct PendingStatus: Sendable, Equatable, Codable {
    /// One item reporting the status.
    public struct Report: Sendable, Equatable, Codable {
        /// The id of the feed (outlet) the item came from.
        public var feedID: Int64
        /// The outlet's display name.
        public var outlet: String
        /// The story the item belongs to.
        public var storyID: String
        /// The item's dedupe key.
        public var dedupeKey: String
        /// The hash of the item's normalised text.
        public var contentHash: String
        /// The item's event time.
        public var at: Date
        /// The item's headline.
        public var title: String?
        /// The item's link.
        public var link: String?
        /// The item's published time.
        public var published: Date?
        /// The cue phrase that decided the status.
        public var cue: String?
        /// The sentence that holds the cue.
        public var cueSentence: String?
        /// The article the item is a version or a copy of; `nil` in states written before articles were told
        /// apart, when the story stood for the article.
        public var articleID: String?

        /// Whether two reports are one report reprinted: the same article (a copy or an update of it), the same
        /// text, or the same globally unique key. Two outlets' own reports of one story are independent.
        ///
        /// - Parameter other: Another report.
        /// - Returns: `true` when `other` is not independent of this report.
        public func isCopy(of other: Report) -> Bool {
            (articleID ?? storyID) == (other.articleID ?? other.storyID) || contentHash == other.contentHash
                || (dedupeKey == other.dedupeKey && DedupeKey.isGloballyUnique(dedupeKey))
        }
    }

    /// The status reported.
    public var status: String
    /// The independent reports, oldest first; copies of a report already here are not added.
    public var reports: [Report]

    /// Creates a pending status.
    ///
    /// - Parameters:
    ///   - status: The status reported.
    ///   - reports: The reports gathered so far.
    public init(status: String, reports: [Report] = []) {
        self.status = status
        self.reports = reports
    }

    /// How many distinct outlets reported the status.
    public var outletCount: Int {
        Set(reports.map(\.feedID)).count
    }

    /// The outlets' names, in the order they first reported.
    public var outlets: [String] {
        var seen = Set<Int64>()
        return reports.filter { seen.insert($0.feedID).inserted }.map(\.outlet)
    }

    /// Adds a report unless it copies one already gathered.
    ///
    /// - Parameter report: The new report.
    /// - Returns: `true` when the report was added.
    @discardableResult
    public mutating func add(_ report: Report) -> Bool {
        guard !reports.contains(where: { report.isCopy(of: $0) }) else {
            return false
        }
        reports.append(report)
        return true
    }
}
