import Foundation

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// Runs items through a fresh analyzer in the given order and collects every alert, as the pipeline would.
enum AnalysisRunner {
    static func run(
        _ items: [(FeedItem, FeedReference)],
        topic: TopicConfiguration
    ) throws -> (state: TopicState, alerts: [Alert]) {
        let analyzer = try Analyzer(topics: [topic])
        var state = TopicState(topicID: topic.id)
        var alerts: [Alert] = []
        for (item, feed) in items {
            let analyzed = analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 1_000))
            alerts += analyzer.detectChanges(
                for: analyzed,
                topic: topic.id,
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 1_001)
            )
        }
        return (state, alerts)
    }

    /// A matching item from a templated series of short updates, for counting coverage; items of the series share
    /// most of their words, so story clustering may group them.
    static func update(_ number: Int, hours: Double, feed: FeedReference = CeasefireTimeline.harbor)
        -> (FeedItem, FeedReference)
    {
        let words = ["harbour", "convoy", "border", "crossing", "hospital", "school", "market", "bakery", "station"]
        let first = words[number % words.count]
        let second = words[(number / words.count) % words.count]
        let item = FeedItem(
            id: "urn:update:\(number)",
            title: "Gaza ceasefire update \(number): \(first) and \(second)",
            published: AnalysisSamples.at(hours: hours),
            summary: "Report \(number) on the \(first) near the \(second), filed \(number * 7 + 3) minutes past."
        )
        return (item, feed)
    }
}
