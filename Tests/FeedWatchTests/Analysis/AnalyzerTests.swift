import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("Analyzer")
struct AnalyzerTests {
    static let topic = TopicConfiguration(
        id: "ceasefire",
        name: "Ceasefire talks",
        match: "(ceasefire OR truce) AND (cairo OR hamas OR israel)",
        exclude: "ukraine",
        status: "negotiation",
        rules: TopicChangeRules(minSources: 1)
    )
    static let harbor = FeedReference(id: 1, url: "https://harbor.example/feed", name: "Harbor Wire")
    static let lakeside = FeedReference(id: 2, url: "https://lakeside.example/rss", name: "Lakeside Ledger")

    static let proposal = FeedItem(
        id: "harbor-1",
        title: "Mediators put forward a three-stage truce plan",
        link: "https://harbor.example/truce-plan",
        published: AnalysisSamples.at(hours: 0),
        content: AnalysisSamples.proposalBody + " " + AnalysisSamples.proposalTrailer
    )
    static let syndicated = FeedItem(
        id: "lakeside-77",
        title: "Egypt and Qatar table phased ceasefire proposal",
        link: "https://lakeside.example/world/77",
        published: AnalysisSamples.at(hours: 2),
        content: "CAIRO (Harbor Wire) — " + AnalysisSamples.proposalBody
    )
    static let rejection = FeedItem(
        id: "lakeside-80",
        title: "Israel rejects the Cairo truce plan",
        link: "https://lakeside.example/world/80",
        published: AnalysisSamples.at(hours: 30),
        content: AnalysisSamples.rejectionBody
    )
    static let lateCopy = FeedItem(
        id: "harbor-1-late",
        title: "Mediators propose a three-stage truce plan",
        published: AnalysisSamples.at(hours: 5),
        content: AnalysisSamples.proposalBody
    )

    private func run(
        _ analyzer: Analyzer,
        _ items: [(FeedItem, FeedReference)],
        raiseAlerts: Bool = true
    ) -> (state: TopicState, alerts: [[Alert]]) {
        var state = TopicState(topicID: "ceasefire")
        var alerts: [[Alert]] = []
        for (item, feed) in items {
            let analyzed = analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 40))
            alerts.append(
                analyzer.detectChanges(
                    for: analyzed,
                    topic: "ceasefire",
                    state: &state,
                    raiseAlerts: raiseAlerts,
                    now: AnalysisSamples.at(hours: 41)
                )
            )
        }
        return (state, alerts)
    }

    private var sequence: [(FeedItem, FeedReference)] {
        [
            (Self.proposal, Self.harbor), (Self.syndicated, Self.lakeside), (Self.rejection, Self.lakeside),
            (Self.lateCopy, Self.harbor),
        ]
    }

    @Test func analyzeReportsKeyEventTimeAndTopicStatus() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        let analyzed = analyzer.analyze(Self.rejection, feed: Self.lakeside, firstSeen: AnalysisSamples.at(hours: 40))
        #expect(analyzed.dedupeKey == "id:lakeside-80")
        #expect(analyzed.eventTime == AnalysisSamples.at(hours: 30))
        #expect(analyzed.contentHash == DedupeKey.contentHash(for: Self.rejection))
        #expect(
            analyzed.matches == [
                "ceasefire": TopicMatch(
                    status: "rejected",
                    cue: "rejects",
                    cueSentence: "Israel rejects the Cairo truce plan",
                    statusInHeadline: true
                )
            ]
        )
    }

    @Test func keysAreTheSameWithAndWithoutTopics() throws {
        let withTopic = try Analyzer(topics: [Self.topic])
        let withoutTopics = try Analyzer(topics: [])
        for (item, feed) in sequence {
            let seen = AnalysisSamples.at(hours: 40)
            let full = withTopic.analyze(item, feed: feed, firstSeen: seen)
            let bare = withoutTopics.analyze(item, feed: feed, firstSeen: seen)
            #expect(bare.contentHash == full.contentHash)
            #expect(bare.dedupeKey == full.dedupeKey)
            #expect(bare.eventTime == full.eventTime)
            #expect(bare.matches.isEmpty)
        }
    }

    @Test func eventTimeFallsBackToUpdatedThenFirstSeen() throws {
        let analyzer = try Analyzer(topics: [])
        let seen = AnalysisSamples.at(hours: 9)
        let updated = FeedItem(title: "x", updated: AnalysisSamples.at(hours: 1))
        #expect(analyzer.analyze(updated, feed: Self.harbor, firstSeen: seen).eventTime == AnalysisSamples.at(hours: 1))
        #expect(analyzer.analyze(FeedItem(title: "x"), feed: Self.harbor, firstSeen: seen).eventTime == seen)
    }

    @Test func sequenceRaisesOneNewStoryPerStoryAndOneStatusChange() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        let (state, alerts) = run(analyzer, sequence)

        #expect(alerts[0].map(\.kind) == [.newStory])
        #expect(
            alerts[0].first?.summary
                == "New story in \"Ceasefire talks\": Mediators put forward a three-stage truce plan (Harbor Wire)"
        )
        #expect(alerts[1].isEmpty)
        #expect(alerts[2].map(\.kind) == [.newStory, .statusChange])
        #expect(alerts[2].last?.status == Alert.StatusChange(from: "proposed", to: "rejected"))
        #expect(
            alerts[2].last?.summary
                == "\"Ceasefire talks\" moved from proposed to rejected: Israel rejects the Cairo truce plan "
                + "(Lakeside Ledger)"
        )
        #expect(alerts[2].last?.at == AnalysisSamples.at(hours: 30))
        #expect(alerts[2].last?.createdAt == AnalysisSamples.at(hours: 41))
        #expect(
            alerts[2].last?.evidence == [
                Alert.Evidence(
                    title: Self.rejection.title,
                    link: Self.rejection.link,
                    feed: "Lakeside Ledger",
                    published: AnalysisSamples.at(hours: 30)
                )
            ]
        )
        #expect(alerts[3].isEmpty)
        #expect(state.status == "rejected")
        #expect(state.statusAt == AnalysisSamples.at(hours: 30))
        #expect(state.stories.map(\.itemCount) == [3, 1])
    }

    @Test func firstStatusIsSetWithoutAStatusChangeAlert() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        let (state, alerts) = run(analyzer, [(Self.rejection, Self.lakeside)])
        #expect(alerts == [[alerts[0][0]]])
        #expect(alerts[0][0].kind == .newStory)
        #expect(state.status == "rejected")
    }

    @Test func backfillUpdatesStateButRaisesNoAlerts() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        let silent = run(analyzer, sequence, raiseAlerts: false)
        let loud = run(analyzer, sequence)
        #expect(silent.alerts.allSatisfy { $0.isEmpty })
        #expect(silent.state == loud.state)
    }

    @Test func alertIDsAreStableAcrossRuns() throws {
        let first = run(try Analyzer(topics: [Self.topic]), sequence).alerts.flatMap { $0 }
        let second = run(try Analyzer(topics: [Self.topic]), sequence).alerts.flatMap { $0 }
        #expect(first.map(\.id) == second.map(\.id))
        #expect(Set(first.map(\.id)).count == first.count)
        // "harbor-1" is too short to name one item across feeds, so the story id includes the feed's URL.
        let storyID = StableHash.hex(["ceasefire", "https://harbor.example/feed id:harbor-1"])
        #expect(first.first?.id == StableHash.hex(["new_story", "ceasefire", storyID]))
    }

    @Test func excludeQuerySuppressesAMatch() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        let item = FeedItem(title: "Ukraine and Israel discuss ceasefire monitoring")
        #expect(analyzer.analyze(item, feed: Self.harbor, firstSeen: AnalysisSamples.start).matches.isEmpty)
    }

    @Test func itemsThatDoNotMatchLeaveStateUnchanged() throws {
        let analyzer = try Analyzer(topics: [Self.topic])
        let analyzed = analyzer.analyze(FeedItem(title: "Weather"), feed: Self.harbor, firstSeen: AnalysisSamples.start)
        var state = TopicState(topicID: "ceasefire")
        let alerts = analyzer.detectChanges(
            for: analyzed,
            topic: "ceasefire",
            state: &state,
            raiseAlerts: true,
            now: AnalysisSamples.start
        )
        #expect(alerts.isEmpty)
        #expect(state == TopicState(topicID: "ceasefire"))
    }

    @Test func unknownPresetIsAnErrorNamingTheTopic() {
        let location = ConfigLocation(file: "Config/demo.yml", line: 14, column: 12)
        let topic = TopicConfiguration(id: "ceasefire", match: "truce", status: "elections", location: location)
        #expect {
            try Analyzer(topics: [topic])
        } throws: { error in
            guard let error = error as? AnalysisError else {
                return false
            }
            return error.code == .unknownStatusPreset && error.topic == "ceasefire" && error.location == location
        }
    }

    @Test func queryErrorDescriptionNamesLocationTopicAndColumn() {
        let location = ConfigLocation(file: "Config/demo.yml", line: 14, column: 12)
        let topic = TopicConfiguration(id: "ceasefire", match: "truce AND (gaza OR cairo", location: location)
        do {
            _ = try Analyzer(topics: [topic])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidQuery)
            #expect(error.column == 11)
            #expect(
                error.description == "Config/demo.yml:14:12: topic 'ceasefire': the match query has an unclosed "
                    + "parenthesis at column 11; add the missing ')'"
            )
        }
    }

    @Test func duplicateTopicIDsAreAnError() {
        let topics = [TopicConfiguration(id: "a", match: "truce"), TopicConfiguration(id: "a", match: "ceasefire")]
        do {
            _ = try Analyzer(topics: topics)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .duplicateTopic)
            #expect(error.topic == "a")
        }
    }
}
