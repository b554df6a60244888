import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("Change detection: tone shifts")
struct ToneShiftTests {
    static let topic = TopicConfiguration(id: "ceasefire", name: "Gaza ceasefire", match: "ceasefire AND gaza")

    static func hopeful(_ number: Int) -> (FeedItem, FeedReference) {
        let places = ["Cairo", "Doha", "Paris", "Amman", "Geneva", "Rome", "Oslo", "Muscat", "Ankara", "Vienna"]
        let item = FeedItem(
            id: "urn:hopeful:\(number)",
            title: "Hopes grow for a Gaza ceasefire after friendly talks in \(places[number % places.count])",
            published: AnalysisSamples.at(hours: Double(number) * 2),
            summary: "Mediators welcomed real progress and praised a constructive, positive mood (\(number))."
        )
        return (item, CeasefireTimeline.harbor)
    }

    static func grim(_ number: Int) -> (FeedItem, FeedReference) {
        let places = ["Rafah", "Khan Younis", "Jabalia", "Deir al-Balah"]
        let item = FeedItem(
            id: "urn:grim:\(number)",
            title: "Deadly strikes kill dozens in \(places[number % places.count]) as Gaza ceasefire hopes die",
            published: AnalysisSamples.at(hours: 30 + Double(number)),
            summary: "Horrific attacks left families grieving, hospitals overwhelmed and mediators angry (\(number))."
        )
        return (item, CeasefireTimeline.courier)
    }

    @Test func threeGrimItemsAfterAHopefulWeekAreOneToneShift() throws {
        let items = (0..<10).map(Self.hopeful) + (0..<4).map(Self.grim)
        let shifts = try AnalysisRunner.run(items, topic: Self.topic).alerts.filter { $0.kind == .toneShift }
        let shift = try #require(shifts.first)
        #expect(shifts.count == 1)
        #expect((shift.explanation?.toneBefore ?? 0) > 0.5)
        #expect((shift.explanation?.toneAfter ?? 0) < -0.5)
        #expect(shift.evidence.count == 3)
        #expect(shift.at == AnalysisSamples.at(hours: 32))
        #expect(shift.summary.contains("turned more negative"))
    }

    @Test func steadyToneRaisesNothing() throws {
        let items = (0..<14).map(Self.hopeful)
        #expect(try AnalysisRunner.run(items, topic: Self.topic).alerts.filter { $0.kind == .toneShift }.isEmpty)
    }

    @Test func aShiftNeedsABaselineFirst() throws {
        let items = (0..<3).map(Self.hopeful) + (0..<3).map(Self.grim)
        #expect(try AnalysisRunner.run(items, topic: Self.topic).alerts.filter { $0.kind == .toneShift }.isEmpty)
    }
}

@Suite("Tone per story")
struct StoryToneTests {
    @Test func aStoryKeepsTheMeanToneOfItsItems() throws {
        let topic = TopicConfiguration(id: "ceasefire", match: "ceasefire AND gaza")
        let base =
            "Gaza ceasefire talks resumed in Doha on Wednesday with delegations from both sides studying a "
            + "revised timetable for the release of hostages and the entry of aid convoys."
        let hopeful = FeedItem(id: "a", title: "Hopes grow", published: AnalysisSamples.at(hours: 1), summary: base)
        let grim = FeedItem(
            id: "b",
            title: "Deadly strikes kill dozens",
            published: AnalysisSamples.at(hours: 2),
            summary: base
        )
        let (state, alerts) = try AnalysisRunner.run(
            [(hopeful, CeasefireTimeline.harbor), (grim, CeasefireTimeline.courier)],
            topic: topic
        )
        let story = try #require(state.stories.first)
        #expect(state.stories.count == 1)
        #expect(alerts.filter { $0.kind == .newStory }.count == 1)
        let expected = (Analyzer.tone(of: hopeful) + Analyzer.tone(of: grim)) / 2
        #expect(abs((story.tone ?? 9) - expected) < 1e-9)
        #expect(Analyzer.tone(of: hopeful) > 0 && Analyzer.tone(of: grim) < 0)
    }

    @Test func aStoryWrittenBeforeToneExistedDecodes() throws {
        let json = #"{"id":"s","firstAt":0,"lastAt":0,"itemCount":1,"shingles":[1,2]}"#
        let story = try JSONDecoder().decode(StoryState.self, from: Data(json.utf8))
        #expect(story.tone == nil)
        #expect(story.shingles == [1, 2])
    }
}
