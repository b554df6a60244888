import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// Follow-ups a day or two after an event (a denial, a rebuttal, a reaction) belong to its story; the topic's next
/// event does not. Written for these tests about talks between two invented countries, Varnia and Ostmark.
@Suite("Story follow-ups: reactions days later join their event, the next event does not")
struct StoryFollowUpTests {
    typealias P = StoryParaphraseTests

    static let strike = P.item(
        "strike",
        hours: 0,
        "Varnian rockets hit Dalby port a day after the Korsgard truce",
        "Rockets fired from Varnia struck grain silos in the Ostmark port of Dalby on Saturday, a day after the "
            + "truce signed in Korsgard. Harbour master Jens Aalto said two warehouses burned."
    )
    static let denial = P.item(
        "denial",
        hours: 30,
        "Varnia says Dalby strike hit a patrol boat, not grain silos",
        "Varnia said its rockets struck a patrol boat moored in Dalby port and not the grain silos, and that the "
            + "Korsgard truce does not cover warships. Jens Aalto said the warehouses had held grain only."
    )
    static let suspension = P.item(
        "suspension",
        hours: 30,
        "Ostmark suspends the Korsgard truce",
        "The Ostmark cabinet suspended the Korsgard truce on Sunday and recalled its negotiators, citing the attack "
            + "on Dalby; harbour master Jens Aalto called it overdue."
    )
    /// Earlier reports of other events, days apart, so the topic has enough articles to tell its rare names
    /// (Dalby, Aalto) from the one every report mentions (Varnia).
    static let history = P.background.map { item, feed in
        var earlier = item
        earlier.published = earlier.published?.addingTimeInterval(-1_200 * 3_600)
        return (earlier, feed)
    }

    private func newStories(_ items: [(FeedItem, FeedReference)]) throws -> [String?] {
        try AnalysisRunner.run(Self.history + items, topic: P.topic).alerts
            .filter { $0.kind == .newStory && $0.at >= AnalysisSamples.at(hours: 0) }
            .map { $0.evidence.first?.title }
    }

    @Test func aDenialADayLaterSharingTheEventsNamesJoinsItsStory() throws {
        let stories = try newStories([
            (Self.strike, CeasefireTimeline.harbor), (Self.denial, CeasefireTimeline.courier),
        ])
        #expect(stories == [Self.strike.title])
    }

    @Test func aReportOfANewStatusADayLaterIsAStoryOfItsOwn() throws {
        let stories = try newStories([
            (Self.strike, CeasefireTimeline.harbor), (Self.suspension, CeasefireTimeline.courier),
        ])
        #expect(stories == [Self.strike.title, Self.suspension.title])
    }

    @Test func aFollowUpMoreThanThreeDaysLaterIsAStoryOfItsOwn() throws {
        var late = Self.denial
        late.published = AnalysisSamples.at(hours: 80)
        let stories = try newStories([(Self.strike, CeasefireTimeline.harbor), (late, CeasefireTimeline.courier)])
        #expect(stories == [Self.strike.title, late.title])
    }
}
