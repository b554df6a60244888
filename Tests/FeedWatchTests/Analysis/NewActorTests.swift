import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchCore

@Suite("Change detection: new actors")
struct NewActorTests {
    typealias T = CeasefireTimeline

    /// Four reports about one mediator, a day apart so that each is its own story, naming her without a role.
    static let plainStories: [(FeedItem, FeedReference)] = [
        (
            T.item(
                "plain-1",
                hours: 30,
                "A new face joins the Gaza truce effort",
                "Lena Hartmann arrived in Cairo on Monday to help broker a ceasefire between Israel and Hamas."
            ), T.harbor
        ),
        (
            T.item(
                "plain-2",
                hours: 56,
                "Hostage families meet in Tel Aviv",
                "Relatives of the hostages held a long meeting with Lena Hartmann, who promised to press Hamas on "
                    + "a list of the living captives."
            ), T.courier
        ),
        (
            T.item(
                "plain-3",
                hours: 82,
                "Shuttling between capitals on the ceasefire",
                "Over two days Lena Hartmann flew from Doha to Jerusalem and back, carrying written answers on the "
                    + "Gaza ceasefire map."
            ), T.gazette
        ),
        (
            T.item(
                "plain-4",
                hours: 108,
                "What we know about the Gaza truce talks",
                "Lena Hartmann spent a decade on prisoner exchanges before taking on the Israel and Hamas file."
            ), T.lakeside
        ),
    ]

    static func report(_ id: String, hours: Double, _ body: String) -> (FeedItem, FeedReference) {
        (T.item(id, hours: hours, "Gaza truce talks go on", body), T.harbor)
    }

    static func newActors(_ items: [(FeedItem, FeedReference)]) throws -> [Alert] {
        try AnalysisRunner.run([(T.proposal, T.harbor)] + items, topic: T.topic).alerts.filter { $0.kind == .newActor }
    }

    @Test func aNewcomerTheReportIntroducesWithATitleIsAnnouncedAtOnce() throws {
        let actors = try Self.newActors([
            Self.report("titled", hours: 30, "Special Envoy Lena Hartmann arrived in Cairo to broker a Gaza ceasefire.")
        ])
        let actor = try #require(actors.first)
        #expect(actors.count == 1)
        #expect(actor.explanation?.entity == "Lena Hartmann")
        #expect(actor.explanation?.cue == "special envoy")
        #expect(actor.at == AnalysisSamples.at(hours: 30))
        #expect(actor.summary.contains("Lena Hartmann (special envoy), named by Harbor Wire"))
    }

    @Test func aRoleInAnAppositionIntroducesANewcomerToo() throws {
        let actors = try Self.newActors([
            Self.report(
                "apposition",
                hours: 30,
                "The truce needs a referee, and Hamas and Israel agreed on one: Piet Vermeulen, the UN coordinator "
                    + "for the ceasefire, will chair the monitoring committee."
            )
        ])
        #expect(actors.map(\.explanation?.entity) == ["Piet Vermeulen"])
        #expect(actors.first?.explanation?.cue == "un coordinator")
    }

    @Test func anOrganisationTheReportIntroducesIsANewActor() throws {
        let actors = try Self.newActors([
            Self.report(
                "bank",
                hours: 30,
                "Under the Gaza ceasefire plan, salaries would flow through the Palestinian lender Quds Bank."
            )
        ])
        #expect(actors.map(\.explanation?.entity) == ["Quds Bank"])
    }

    @Test func aNameWithoutARoleBecomesANewActorInItsThirdStory() throws {
        let actors = try Self.newActors(Self.plainStories)
        let actor = try #require(actors.first)
        #expect(actors.map(\.explanation?.entity) == ["Lena Hartmann"])
        #expect(actor.at == AnalysisSamples.at(hours: 82))
        #expect(actor.explanation?.observed == 3)
        #expect(actor.explanation?.sources == ["Harbor Wire", "Northern Courier", "Valley Gazette"])
        #expect(actor.evidence.count == 3)
    }

    @Test func twoStoriesAreNotEnoughForANameWithoutARole() throws {
        #expect(try Self.newActors(Array(Self.plainStories.prefix(2))).isEmpty)
    }

    @Test func entitiesSeenWhileTheTopicWarmsUpAreItsCastNotNewActors() throws {
        let (state, alerts) = try AnalysisRunner.run([(T.proposal, T.harbor)] + Self.plainStories, topic: T.topic)
        let qatar = alerts.filter { $0.kind == .newActor && $0.explanation?.entity == "Qatar" }
        #expect(qatar.isEmpty)
        #expect(state.actors.established.contains("Qatar"))
        #expect(state.actors.established.contains("Egypt"))
    }

    @Test func aPersonAnnouncedOnceIsKnownBySurnameAfterwards() throws {
        let actors = try Self.newActors([
            Self.report("first", hours: 30, "Special Envoy Lena Hartmann arrived in Cairo to broker a Gaza ceasefire."),
            Self.report("surname", hours: 60, "In Doha, the mediator Hartmann met Hamas negotiators on the truce."),
            Self.report("again", hours: 90, "Envoy Lena Hartmann said the Gaza ceasefire map was nearly agreed."),
        ])
        #expect(actors.map(\.explanation?.entity) == ["Lena Hartmann"])
    }

    @Test func aSurnameSeenInTheFirstDayMakesTheFullNameKnown() throws {
        let actors = try Self.newActors([
            Self.report("early", hours: 2, "Talks on a Gaza ceasefire drew in Hartmann, diplomats said."),
            Self.report("later", hours: 40, "Special Envoy Lena Hartmann arrived in Cairo for the truce talks."),
        ])
        #expect(actors.isEmpty)
    }

    @Test func spokespeopleSpeakForActorsAndAreNotNewActors() throws {
        let actors = try Self.newActors([
            Self.report(
                "spokesman",
                hours: 30,
                "Foreign ministry spokesman Omar Haddad said Egypt would keep hosting the Gaza ceasefire talks."
            )
        ])
        #expect(actors.isEmpty)
    }

    @Test func placesShipsAndNewsAgenciesAreNotActors() throws {
        let actors = try Self.newActors([
            Self.report(
                "things",
                hours: 30,
                "Aid for the Gaza truce sailed on the cargo ship Sea Falcon from the port of Ashdod, the Delta Press "
                    + "news agency reported, past Dolmabahce Palace and through the Red Sea."
            )
        ])
        #expect(actors.isEmpty)
    }

    @Test func aMinisterWhoOnlyCommentsIsNotAnnouncedAtOnce() throws {
        let actors = try Self.newActors([
            Self.report(
                "comment",
                hours: 30,
                "Finance Minister Karl Lund said the Gaza ceasefire would help the region's economy."
            )
        ])
        #expect(actors.isEmpty)
    }

    @Test func aMinisterTheReportShowsTakingPartIsAnnouncedAtOnce() throws {
        let actors = try Self.newActors([
            Self.report("part", hours: 30, "Foreign Minister Ingrid Solberg will fly to Doha to discuss the truce.")
        ])
        #expect(actors.map(\.explanation?.entity) == ["Ingrid Solberg"])
    }

    @Test func aNameTheTopicHasCarriedForLongerThanTheWindowIsNotNew() throws {
        // Quoted now and then for weeks, never an actor within a week: then named in three stories in a row.
        let quoted = [(40, "comment-1"), (240, "comment-2")].map { hours, id in
            Self.report(id, hours: Double(hours), "President Ilan Ross said the Gaza truce talks should go on.")
        }
        let again = [
            T.item("again-1", hours: 400, "Leaders weigh the Gaza truce", "President Ilan Ross spoke on the truce."),
            T.item(
                "again-2",
                hours: 476,
                "Hostage families march",
                "President Ilan Ross heard them on the Gaza truce."
            ),
            T.item(
                "again-3",
                hours: 552,
                "Aid convoys roll into Gaza",
                "President Ilan Ross hailed the truce convoys."
            ),
        ].map { ($0, T.harbor) }
        // The same three stories alone would announce him: it is the weeks of quotes that make him known.
        #expect(try Self.newActors(again).map(\.explanation?.entity) == ["Ilan Ross"])
        #expect(try Self.newActors(quoted + again).isEmpty)
    }
}
