import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("Change detection: status confirmation, copies, hysteresis")
struct ChangeDetectionTests {
    typealias T = CeasefireTimeline

    private func run(
        _ items: [(FeedItem, FeedReference)],
        topic: TopicConfiguration = CeasefireTimeline.topic,
        copies: Set<String> = []
    ) throws -> (state: TopicState, alerts: [Alert]) {
        let analyzer = try Analyzer(topics: [topic])
        var state = TopicState(topicID: topic.id)
        var alerts: [Alert] = []
        for (item, feed) in items {
            var analyzed = analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 500))
            analyzed.isCopy = copies.contains("\(feed.id):\(item.id ?? "")")
            alerts += analyzer.detectChanges(
                for: analyzed,
                topic: topic.id,
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 501)
            )
        }
        return (state, alerts)
    }

    private func statusChanges(_ alerts: [Alert]) -> [Alert] {
        alerts.filter { $0.kind == .statusChange }
    }

    @Test func oneOutletReportingARejectionDoesNotMoveTheStatus() throws {
        let (state, alerts) = try run([(T.proposal, T.harbor), (T.rejection, T.harbor)])
        #expect(statusChanges(alerts).isEmpty)
        #expect(state.status == "proposed")
        #expect(state.pending.map(\.status) == ["rejected"])
    }

    @Test func aSecondIndependentOutletConfirmsTheRejectionWithItsExplanation() throws {
        let (state, alerts) = try run([
            (T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejectionElsewhere, T.courier),
        ])
        let change = try #require(statusChanges(alerts).first)
        #expect(statusChanges(alerts).count == 1)
        #expect(change.status == Alert.StatusChange(from: "proposed", to: "rejected"))
        #expect(change.at == AnalysisSamples.at(hours: 27))
        #expect(change.evidence.map(\.feed) == ["Harbor Wire", "Northern Courier"])
        #expect(change.evidence.map(\.title) == [T.rejection.title, T.rejectionElsewhere.title])
        #expect(change.explanation?.sources == ["Harbor Wire", "Northern Courier"])
        #expect(change.explanation?.cue == "rejects")
        #expect(change.explanation?.cueSentence == "Israel rejects the truce plan as unworkable")
        #expect(change.explanation?.confidence == 0.75)
        #expect(change.summary.hasSuffix("; also reported by Northern Courier"))
        #expect(state.status == "rejected")
        #expect(state.previousStatus == "proposed")
        #expect(state.pending.isEmpty)
    }

    @Test func aWireCopyInAnotherFeedCountsOnceAndStartsNoStory() throws {
        let (state, alerts) = try run(
            [(T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejection, T.lakeside)],
            copies: ["2:urn:test:rejection"]
        )
        #expect(statusChanges(alerts).isEmpty)
        #expect(alerts.filter { $0.kind == .newStory }.count == 2)
        #expect(state.pending.first?.reports.count == 1)
        #expect(state.stories.map(\.itemCount).sorted() == [1, 2])
    }

    @Test func aRewordedCopyWithANewHeadlineAndDatelineCountsOnce() throws {
        var copy = T.rejection
        copy.id = "urn:test:lakeside-copy"
        copy.title = "Israeli cabinet says no to truce plan"
        copy.summary = "JERUSALEM (Harbor Wire) — " + (T.rejection.summary ?? "")
        let (_, alerts) = try run([(T.proposal, T.harbor), (T.rejection, T.harbor), (copy, T.lakeside)])
        #expect(statusChanges(alerts).isEmpty)
        #expect(alerts.filter { $0.kind == .newStory }.count == 2)
    }

    @Test func anOutletsOwnFollowUpsConfirmOnlyWithOneReportMore() throws {
        let two = try run([(T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejectionFollowUp, T.harbor)])
        #expect(statusChanges(two.alerts).isEmpty)
        let three = try run([
            (T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejectionFollowUp, T.harbor),
            (T.rejectionThird, T.harbor),
        ])
        let change = try #require(statusChanges(three.alerts).first)
        #expect(change.explanation?.sources == ["Harbor Wire"])
        #expect(change.evidence.count == 3)
        #expect(change.explanation?.confidence == 0.75)
    }

    @Test func reportsFurtherApartThanTheConfirmWindowDoNotConfirm() throws {
        var late = T.rejectionElsewhere
        late.published = AnalysisSamples.at(hours: 26 + 25)
        let (state, alerts) = try run([(T.proposal, T.harbor), (T.rejection, T.harbor), (late, T.courier)])
        #expect(statusChanges(alerts).isEmpty)
        #expect(state.status == "proposed")
        #expect(state.pending.first?.reports.map(\.outlet) == ["Northern Courier"])
    }

    @Test func minSourcesOfOneMovesOnTheFirstReport() throws {
        var topic = T.topic
        topic.rules.minSources = 1
        let (_, alerts) = try run([(T.proposal, T.harbor), (T.rejection, T.harbor)], topic: topic)
        #expect(statusChanges(alerts).map(\.status?.to) == ["rejected"])
        #expect(statusChanges(alerts).first?.explanation?.confidence == 0.5)
    }

    @Test func goingBackToTheStatusJustLeftWithinTheHoldNeedsAnExtraOutlet() throws {
        let items: [(FeedItem, FeedReference)] = [
            (T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejectionElsewhere, T.courier),
            (T.proposalAgain, T.harbor), (T.proposalAgainElsewhere, T.courier),
        ]
        let flap = try run(items)
        #expect(statusChanges(flap.alerts).map(\.status?.to) == ["rejected"])
        #expect(flap.state.status == "rejected")
        let confirmed = try run(items + [(T.proposalAgainThird, T.gazette)])
        #expect(statusChanges(confirmed.alerts).map(\.status?.to) == ["rejected", "proposed"])
        #expect(statusChanges(confirmed.alerts).last?.explanation?.sources.count == 3)
    }

    @Test func talksMovingToDohaAfterTheRejectionAreConfirmedByTwoOutlets() throws {
        let (state, alerts) = try run([
            (T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejectionElsewhere, T.courier),
            (T.talksInDoha, T.harbor), (T.talksInDohaElsewhere, T.gazette),
        ])
        #expect(statusChanges(alerts).map(\.status?.to) == ["rejected", "negotiating"])
        #expect(statusChanges(alerts).last?.explanation?.sources == ["Harbor Wire", "Valley Gazette"])
        #expect(state.status == "negotiating")
    }

    @Test func aReportOlderThanTheCurrentStatusIsIgnored() throws {
        var stale = T.proposalAgain
        stale.published = AnalysisSamples.at(hours: 20)
        var staleElsewhere = T.proposalAgainElsewhere
        staleElsewhere.published = AnalysisSamples.at(hours: 21)
        let (state, alerts) = try run([
            (T.proposal, T.harbor), (T.rejection, T.harbor), (T.rejectionElsewhere, T.courier),
            (stale, T.lakeside), (staleElsewhere, T.gazette),
        ])
        #expect(statusChanges(alerts).map(\.status?.to) == ["rejected"])
        #expect(state.status == "rejected")
    }

    @Test func lookAlikeDistractorsDoNotMatchTheTopic() throws {
        let analyzer = try Analyzer(topics: [T.topic])
        for item in [T.sportsTruce, T.otherCeasefire] {
            #expect(analyzer.analyze(item, feed: T.lakeside, firstSeen: AnalysisSamples.start).matches.isEmpty)
        }
    }

    @Test func stateWrittenBeforeTheseFieldsExistedDecodesWithDefaults() throws {
        let json = #"{"topicID":"ceasefire","status":"proposed","statusAt":0,"stories":[]}"#
        let state = try JSONDecoder().decode(TopicState.self, from: Data(json.utf8))
        #expect(state.status == "proposed")
        #expect(state.pending.isEmpty)
        #expect(state.coverage == CoverageState())
        #expect(state.actors == ActorState())
        #expect(state.tone == ToneState())
    }

    @Test func stateRoundTripsThroughJSON() throws {
        let (state, _) = try run([(T.proposal, T.harbor), (T.rejection, T.harbor)])
        let decoded = try JSONDecoder().decode(TopicState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
    }
}
