public import FeedWatchAnalysis
public import FeedWatchStore
public import Foundation

/// Each topic's matched items per UTC day, counted by matching the topics over the stored items.
///
/// The store does not record which topics an item matched, so coverage is derived: the first request scans the
/// items of the window asked for, later ones only the items stored since (by item id), so a running dashboard pays
/// the scan once. Thread-safe; one scan runs at a time.
public actor CoverageIndex {
    private let analyzer: Analyzer
    /// Items are scanned from this event time on; an earlier request starts the index again.
    private var scannedFrom: Date?
    private var lastID: Int64 = 0
    /// Matched items by topic id, then by UTC day number (days since 1970).
    private var counts: [String: [Int: Int]] = [:]

    /// Whether the index has scanned the store at least once.
    public var isBuilt: Bool { scannedFrom != nil }

    /// How many items one store read returns.
    static let pageSize = 2_000

    /// Creates an empty index over the topics an analyzer matches.
    ///
    /// - Parameter analyzer: The configured topics, compiled.
    public init(analyzer: Analyzer) {
        self.analyzer = analyzer
    }

    /// A topic's matched items per day from `from` on, bringing the index up to date first.
    ///
    /// - Parameters:
    ///   - topic: The topic's id.
    ///   - from: The earliest event time wanted.
    ///   - store: Where the items are read.
    /// - Returns: Items by UTC day number; days without items are left out.
    /// - Throws: ``StoreError`` when the items cannot be read.
    public func days(topic: String, from: Date, store: any ViewStore) async throws(StoreError) -> [Int: Int] {
        if let scannedFrom, scannedFrom <= from {
            // Up to date from the start wanted: scan only what was stored since.
        } else {
            scannedFrom = from
            lastID = 0
            counts = [:]
        }
        while true {
            let page = try await store.items(afterID: lastID, since: scannedFrom, limit: Self.pageSize)
            for item in page {
                let day = Self.day(of: item.eventAt)
                for topicID in analyzer.matchingTopics(of: item.stored.item) {
                    counts[topicID, default: [:]][day, default: 0] += 1
                }
            }
            lastID = page.last?.id ?? lastID
            if page.count < Self.pageSize { break }
        }
        let first = Self.day(of: from)
        return (counts[topic] ?? [:]).filter { $0.key >= first }
    }

    /// The UTC day number of a time.
    static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}
