import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// What `feedwatch analyze` prints for each item, computed by the library.
@Suite("Item analysis lines: matches, copies and updates of earlier items")
struct ItemAnalysisLineTests {
    static let feed = FeedReference(id: 1, url: "https://harbor.example/feed.xml", name: "Harbor Wire")
    static let analyzer = try! Analyzer(topics: [
        TopicConfiguration(id: "ceasefire", name: "Ceasefire talks", match: "ceasefire OR truce", status: "negotiation")
    ])

    private func analyzed(_ id: String, hours: Double, _ title: String, _ summary: String) -> AnalyzedItem {
        let time = Date(timeIntervalSince1970: 1_772_352_000 + hours * 3600)
        let item = FeedItem(
            id: id,
            title: title,
            link: "https://harbor.example/\(id)",
            published: time,
            summary: summary
        )
        return Self.analyzer.analyze(item, feed: Self.feed, firstSeen: time)
    }

    @Test func aLaterCopyNamesTheEarlierItemAsItsOriginalWhateverTheOrderGiven() {
        let original = analyzed("a", hours: 0, "Mediators unveil a truce plan", AnalysisSamples.proposalBody)
        let copy = analyzed("b", hours: 2, "Truce plan unveiled by mediators", AnalysisSamples.proposalBody)
        let lines = Self.analyzer.analysisLines(of: [copy, original])
        #expect(lines.map(\.id) == ["b", "a"])
        #expect(lines[0].duplicateOf == original.dedupeKey)
        #expect(lines[1].duplicateOf == nil && lines[1].updateOf == nil)
    }

    @Test func aTopicMatchIsReportedWithItsStatus() {
        let item = analyzed("c", hours: 0, "Hamas rejects the truce proposal", "Hamas rejected the truce proposal.")
        let line = Self.analyzer.analysisLines(of: [item])[0]
        #expect(line.matches["ceasefire"]?.status == "rejected")
        #expect(line.feed == "Harbor Wire")
    }

    @Test func aTopicMatchSaysWhichWordsOfTheQueryMatched() throws {
        let item = analyzed("e", hours: 0, "Truce talks resume", "Envoys meet in Cairo to discuss the truce.")
        let line = Self.analyzer.analysisLines(of: [item])[0]
        #expect(line.matches["ceasefire"]?.terms == ["truce"])
        let json = line.json()
        #expect(json.contains(#""terms":["truce"]"#))
    }

    @Test func theJSONUsesSnakeCaseKeysAndLeavesOutWhatIsAbsent() throws {
        let item = analyzed("d", hours: 0, "Harbour reopens", "The harbour reopened on Monday.")
        let json = Self.analyzer.analysisLines(of: [item])[0].json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["dedupe_key"] as? String == item.dedupeKey)
        #expect(object["event_time"] as? String == "2026-03-01T08:00:00Z")
        #expect(object["duplicate_of"] == nil)
        #expect((object["matches"] as? [String: Any])?.isEmpty == true)
    }
}
