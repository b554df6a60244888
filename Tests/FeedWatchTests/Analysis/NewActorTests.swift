import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchCore

@Suite("Change detection: new actors")
struct NewActorTests {
    typealias T = CeasefireTimeline

    /// Four reports about one envoy, each a day after the last, so that each is its own story (reports hours apart
    /// that name the same envoy are likely one story).
    static let envoyStories: [(FeedItem, FeedReference)] = [
        (
            T.item(
                "envoy-1",
                hours: 30,
                "A new envoy joins the Gaza truce effort",
                "Special Envoy Lena Hartmann arrived in Cairo on Monday to help broker a ceasefire between Israel "
                    + "and Hamas, diplomats said."
            ), T.harbor
        ),
        (
            T.item(
                "envoy-2",
                hours: 56,
                "Hostage families meet the mediator in Tel Aviv",
                "Relatives of the hostages held a long meeting with Lena Hartmann, who promised to press Hamas on "
                    + "a list of the living captives."
            ), T.courier
        ),
        (
            T.item(
                "envoy-3",
                hours: 82,
                "Hartmann shuttles between capitals on the ceasefire",
                "Over two days Lena Hartmann flew from Doha to Jerusalem and back, carrying written answers on the "
                    + "Gaza ceasefire map."
            ), T.gazette
        ),
        (
            T.item(
                "envoy-4",
                hours: 108,
                "What we know about the Gaza truce envoy",
                "Lena Hartmann spent a decade on prisoner exchanges before taking on the Israel and Hamas file."
            ), T.lakeside
        ),
    ]

    @Test func anEntityInThreeSeparateStoriesAfterWarmUpIsOneNewActor() throws {
        let (state, alerts) = try AnalysisRunner.run([(T.proposal, T.harbor)] + Self.envoyStories, topic: T.topic)
        let actors = alerts.filter { $0.kind == .newActor }
        let actor = try #require(actors.first)
        #expect(actors.map(\.explanation?.entity) == ["Lena Hartmann"])
        #expect(actor.at == AnalysisSamples.at(hours: 82))
        #expect(actor.explanation?.observed == 3)
        #expect(actor.explanation?.sources == ["Harbor Wire", "Northern Courier", "Valley Gazette"])
        #expect(actor.evidence.count == 3)
        #expect(state.actors.established.contains("Lena Hartmann"))
    }

    @Test func entitiesSeenWhileTheTopicWarmsUpAreNotNewActors() throws {
        let (state, alerts) = try AnalysisRunner.run([(T.proposal, T.harbor)] + Self.envoyStories, topic: T.topic)
        let qatar = alerts.filter { $0.kind == .newActor && $0.explanation?.entity == "Qatar" }
        #expect(qatar.isEmpty)
        #expect(state.actors.established.contains("Qatar"))
        #expect(state.actors.established.contains("Egypt"))
    }

    @Test func twoStoriesAreNotEnough() throws {
        let (_, alerts) = try AnalysisRunner.run(
            [(T.proposal, T.harbor)] + Self.envoyStories.prefix(2),
            topic: T.topic
        )
        #expect(alerts.filter { $0.kind == .newActor }.isEmpty)
    }
}
