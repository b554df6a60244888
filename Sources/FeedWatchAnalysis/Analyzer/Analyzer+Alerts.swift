import FeedWatchCore
public import Foundation

extension Analyzer {
    /// The `new_story` alert for an item that starts a story.
    ///
    /// - Parameters:
    ///   - item: The item that starts the story.
    ///   - topic: The topic's id.
    ///   - topicName: The topic's name.
    ///   - storyID: The new story's id.
    ///   - now: The wall-clock time, for ``Alert/createdAt``.
    /// - Returns: The alert.
    func newStoryAlert(for item: AnalyzedItem, topic: String, topicName: String, storyID: String, now: Date) -> Alert {
        Alert(
            id: StableHash.hex(["new_story", topic, storyID]),
            topic: topic,
            kind: .newStory,
            at: item.eventTime,
            createdAt: now,
            summary: "New story in \"\(topicName)\": \(Self.headline(of: item))",
            evidence: [Self.evidence(of: item)],
            explanation: Alert.Explanation(sources: [item.feed.displayName], confidence: 1)
        )
    }

    /// An item's headline and outlet, for summaries: `Israel rejects the plan (Harbor Wire)`.
    static func headline(of item: AnalyzedItem) -> String {
        headline(title: item.item.title, outlet: item.feed.displayName)
    }

    /// A headline and outlet, for summaries, whitespace collapsed.
    static func headline(title: String?, outlet: String) -> String {
        let words = (title ?? "").split(whereSeparator: \.isWhitespace)
        let text = words.isEmpty ? "an untitled item" : words.joined(separator: " ")
        return "\(text) (\(outlet))"
    }

    /// A status name for people: `in_effect` → `in effect`.
    static func humanize(_ status: String) -> String {
        status.replacingOccurrences(of: "_", with: " ")
    }

    /// An item as evidence.
    static func evidence(of item: AnalyzedItem) -> Alert.Evidence {
        Alert.Evidence(
            title: item.item.title,
            link: item.item.link,
            feed: item.feed.displayName,
            published: item.item.published
        )
    }

    /// A number rounded to three decimals, so alerts print stable, readable figures.
    static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
