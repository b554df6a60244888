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

    /// Hours from the samples' first time (15:06:40 UTC) to 01:06:40 UTC on the `day`-th day after it.
    static func dayStart(_ day: Int) -> Double { Double(day) * 24 - 14 }

    /// One report every two days for three weeks: a quiet topic's baseline.
    private var quietWeeks: [(FeedItem, FeedReference)] {
        (0..<10).map { AnalysisRunner.update($0, hours: Double($0) * 48) }
    }

    @Test func fiveReportsSpreadOverANewsDayAfterQuietWeeksAreOneSurgeOfTheDay() throws {
        // Five reports three hours apart on one UTC day (01:06 to 13:06), never five within an hour or six hours.
        let day = (0..<5).map { AnalysisRunner.update(100 + $0, hours: Self.dayStart(20) + Double($0) * 3) }
        let alerts = try surges(quietWeeks + day)
        let surge = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(surge.explanation?.observed == 5)
        #expect(surge.at == AnalysisSamples.at(hours: Self.dayStart(20) + 12))
        #expect(surge.summary.hasPrefix("Coverage of \"Gaza ceasefire\" surged: 5 items in a day"))
    }

    @Test func oneBurstRaisesOneSurgeWhicheverWindowsItFills() throws {
        // Eight reports within the hour fill the hour's bucket; twelve more the same day fill the day's.
        let burst = (0..<8).map { AnalysisRunner.update(100 + $0, hours: 20 * 24 + Double($0) * 0.1) }
        let rest = (0..<12).map { AnalysisRunner.update(200 + $0, hours: 20 * 24 + 2 + Double($0)) }
        let alerts = try surges(quietWeeks + burst + rest)
        #expect(alerts.count == 1)
        #expect(alerts.first?.summary.contains("5 items in an hour") == true)
    }

    @Test func aNewsDayLikeEveryOtherDayIsNotASurge() throws {
        let busy = (0..<(30 * 5)).map {
            AnalysisRunner.update($0, hours: Self.dayStart(1 + $0 / 5) + Double($0 % 5) * 3)
        }
        #expect(try surges(busy).isEmpty)
    }

    @Test func wireCopiesInOtherOutletsAreCoverage() throws {
        let original = FeedItem(
            id: "urn:update:wire-original",
            title: "Gaza ceasefire monitors count a calm night in Rafah",
            published: AnalysisSamples.at(hours: 36),
            summary: "Observers posted along the southern crossing logged no shelling after midnight, the first quiet "
                + "night since the pause took hold."
        )
        let copies = (Int64(10)..<Int64(20)).map { id in
            (original, FeedReference(id: id, url: "https://outlet\(id).example/rss"))
        }
        let alerts = try AnalysisRunner.run(quietDay + copies, topic: Self.topic).alerts
        #expect(alerts.filter { $0.kind == .surge }.count == 1)
        #expect(alerts.filter { $0.kind == .surge }.first?.explanation?.observed == 5)
        #expect(alerts.filter { $0.kind == .newStory && $0.evidence.first?.title == original.title }.count == 1)
    }

    @Test func anUpdateOfAnArticleAlreadyCountedIsNotCoverage() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        var state = TopicState(topicID: "ceasefire")
        let feed = CeasefireTimeline.harbor
        let title = "Gaza ceasefire: " + StoryRevisionTests.headline
        let first = FeedItem(
            id: "urn:a",
            title: title,
            published: AnalysisSamples.at(hours: 1),
            summary: StoryRevisionTests.original
        )
        let update = FeedItem(
            id: "urn:b",
            title: title,
            published: AnalysisSamples.at(hours: 1.5),
            summary: StoryRevisionTests.newLead + " " + StoryRevisionTests.original
        )
        for item in [first, update] {
            _ = analyzer.detectChanges(
                for: analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 2)),
                topic: "ceasefire",
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 2)
            )
        }
        #expect(state.coverage.count(inWindow: 3_600) == 1)
        #expect(state.coverage.count(inWindow: 86_400) == 1)
    }

    @Test func anotherOutletsLongerCopyOfAnArticleIsCoverage() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        var state = TopicState(topicID: "ceasefire")
        let title = "Gaza ceasefire: " + StoryRevisionTests.headline
        let first = FeedItem(
            id: "urn:a",
            title: title,
            published: AnalysisSamples.at(hours: 1),
            summary: StoryRevisionTests.original
        )
        let copy = FeedItem(
            id: "urn:b",
            title: title,
            published: AnalysisSamples.at(hours: 1.5),
            summary: StoryRevisionTests.newLead + " " + StoryRevisionTests.original
        )
        var revisions: [StoryMatcher.Revision?] = []
        for (item, feed) in [(first, CeasefireTimeline.harbor), (copy, CeasefireTimeline.courier)] {
            _ = analyzer.detectChanges(
                for: analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 2)),
                topic: "ceasefire",
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 2),
                placed: { revisions.append($0.revision) }
            )
        }
        #expect(revisions == [nil, .duplicate])
        #expect(state.coverage.count(inWindow: 3_600) == 2)
    }

    @Test func windowsAreNamedInWords() {
        #expect(Analyzer.span(3_600) == "an hour")
        #expect(Analyzer.span(21_600) == "6 hours")
        #expect(Analyzer.span(86_400) == "a day")
        #expect(Analyzer.span(1_800) == "30 minutes")
    }

    @Test func poissonTailMatchesHandComputedValues() {
        #expect(Analyzer.poissonTail(atLeast: 0, mean: 2) == 1)
        #expect(abs(Analyzer.poissonTail(atLeast: 1, mean: 2) - (1 - exp(-2))) < 1e-12)
        #expect(abs(Analyzer.poissonTail(atLeast: 3, mean: 1) - (1 - exp(-1) * 2.5)) < 1e-12)
    }
}
