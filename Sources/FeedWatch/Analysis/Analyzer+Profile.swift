extension Analyzer {
    /// The entities an item names: its headline (unless in title case), summary and content, with every topic's
    /// aliases.
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: Canonical entity names, each once, in order of first mention.
    public func entities(of item: FeedItem) -> [String] {
        entityExtractor.entities(title: item.title, body: [item.summary, item.content].compactMap { $0 })
    }

    /// An item's tone: the VADER compound score of its headline and summary (else its content).
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: The compound score, −1…1.
    public static func tone(of item: FeedItem) -> Double {
        ToneScorer.compound([item.title, item.summary ?? item.content].compactMap { $0 }.joined(separator: ". "))
    }
}
