import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("Change detection: surges against the topic's own baseline")
struct SurgeDetectionTests {
    static let topic = TopicConfiguration(id: "ceasefire", name: "Gaza ceasefire", match: "ceasefire AND gaza")

    private func surges(_ items: [(FeedItem, FeedReference)]) throws -> [Alert] {
        try AnalysisRunner.run(items, topic: Self.topic).alerts.filter { $0.kind == .surge }
    }

    private var quietDay: [(FeedItem, FeedReference)] {
        (0..<6).map { AnalysisRunner.update($0, hours: Double($0) * 6) }
    }

    @Test func fiveItemsInAnHourAfterAQuietDayAreOneSurge() throws {
        let burst = (0..<8).map { AnalysisRunner.update(100 + $0, hours: 36 + Double($0) * 0.1) }
        let alerts = try surges(quietDay + burst)
        let surge = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(surge.explanation?.observed == 5)
        #expect((surge.explanation?.expected ?? 1) < 0.5)
        #expect((surge.explanation?.confidence ?? 0) > 0.999)
        #expect(surge.at == AnalysisSamples.at(hours: 36.4))
        #expect(surge.evidence.count == 5)
        #expect(surge.summary.hasPrefix("Coverage of \"Gaza ceasefire\" surged: 5 items in an hour"))
    }

    @Test func aBurstBeforeTheBaselineHasADayOfHistoryIsNotASurge() throws {
        let burst = (0..<8).map { AnalysisRunner.update(100 + $0, hours: 10 + Double($0) * 0.1) }
        #expect(try surges(quietDay.prefix(2) + burst).isEmpty)
    }

    @Test func aTopicThatIsAlwaysThisBusyDoesNotSurge() throws {
        let steady = (0..<(40 * 6)).map { AnalysisRunner.update($0, hours: Double($0) / 6) }
        #expect(try surges(steady).isEmpty)
    }

    @Test func syndicatedCopiesAreNotCoverage() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        var state = TopicState(topicID: "ceasefire")
        for (item, feed) in quietDay {
            _ = analyzer.detectChanges(
                for: analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 99)),
                topic: "ceasefire",
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 99)
            )
        }
        var alerts: [Alert] = []
        let original = FeedItem(
            id: "urn:update:wire-original",
            title: "Gaza ceasefire monitors count a calm night in Rafah",
            published: AnalysisSamples.at(hours: 36),
            summary: "Observers posted along the southern crossing logged no shelling after midnight, the first quiet "
                + "night since the pause took hold."
        )
        for feedID in Int64(10)..<Int64(20) {
            let feed = FeedReference(id: feedID, url: "https://outlet\(feedID).example/rss")
            var analyzed = analyzer.analyze(original, feed: feed, firstSeen: AnalysisSamples.at(hours: 99))
            analyzed.isCopy = feedID > 10
            alerts += analyzer.detectChanges(
                for: analyzed,
                topic: "ceasefire",
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 99)
            )
        }
        #expect(alerts.filter { $0.kind == .surge }.isEmpty)
        #expect(alerts.filter { $0.kind == .newStory }.count == 1)
        #expect(state.coverage.count == 1)
    }

    @Test func poissonTailMatchesHandComputedValues() {
        #expect(Analyzer.poissonTail(atLeast: 0, mean: 2) == 1)
        #expect(abs(Analyzer.poissonTail(atLeast: 1, mean: 2) - (1 - exp(-2))) < 1e-12)
        #expect(abs(Analyzer.poissonTail(atLeast: 3, mean: 1) - (1 - exp(-1) * 2.5)) < 1e-12)
    }
}
