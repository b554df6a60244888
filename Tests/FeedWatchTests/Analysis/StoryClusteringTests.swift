import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// Items about ceasefire talks written for these tests: one event reported by three outlets in their own words, a
/// later event on the same topic, and another country's ceasefire.
@Suite("Story clustering: one event in other words is one story")
struct StoryClusteringTests {
    static let topic = TopicConfiguration(
        id: "ceasefire",
        name: "Ceasefire talks",
        match: "ceasefire OR truce",
        status: "negotiation",
        rules: TopicChangeRules(headlineConfirms: false)
    )

    static func item(_ id: String, hours: Double, _ title: String, _ body: String) -> FeedItem {
        FeedItem(
            id: "urn:cluster:\(id)",
            title: title,
            link: "https://news.example/cluster/\(id)",
            published: AnalysisSamples.at(hours: hours),
            summary: body
        )
    }

    static let dohaHarbor = item(
        "doha-harbor",
        hours: 0,
        "Ceasefire talks resume in Doha with Qatari mediators",
        "Negotiators for Israel and Hamas arrived in Doha on Monday for a fresh round of ceasefire talks hosted by "
            + "Qatar, with Egyptian officials also at the table. The mediators hope to settle a first phase of "
            + "hostage releases within the week."
    )
    static let dohaCourier = item(
        "doha-courier",
        hours: 2,
        "Delegations gather in the Qatari capital as truce negotiations restart",
        "A new round of indirect negotiations opened in Doha, where mediators from Qatar and Egypt shuttled "
            + "between the Israeli and Hamas delegations. Officials said a first phase would cover the release of "
            + "hostages and more aid trucks."
    )
    static let dohaLedger = item(
        "doha-ledger",
        hours: 5,
        "Doha round: mediators press both sides towards a phased ceasefire",
        "Qatar is hosting the latest attempt to halt the fighting, bringing Israeli and Hamas envoys to Doha. Egypt "
            + "joined the mediation, and diplomats described a phased deal that would begin with hostages."
    )
    static let rejectionLater = item(
        "rejection",
        hours: 50,
        "Israel rejects the draft ceasefire agreement",
        "Israel's cabinet turned down the draft agreement on Wednesday, calling the timetable for prisoner "
            + "releases unacceptable. Hamas said the rejection showed Israel never wanted a truce."
    )
    static let sudanCeasefire = item(
        "sudan",
        hours: 3,
        "Sudan's army and the RSF sign a week-long ceasefire in Jeddah",
        "Sudan's army and the Rapid Support Forces agreed to a seven-day ceasefire after talks in Jeddah brokered by "
            + "Saudi Arabia and the United States, so that aid convoys can reach Khartoum and Darfur."
    )

    static let rejectionHarbor = item(
        "rejection-harbor",
        hours: 50,
        "Israel rejects the draft ceasefire agreement from the Doha round",
        "Israel's security cabinet rejected the draft agreement late on Wednesday, calling the timetable for "
            + "prisoner releases unacceptable. Hamas said the decision showed Israel never wanted a truce."
    )
    static let rejectionCourier = item(
        "rejection-courier",
        hours: 51,
        "Cabinet in Jerusalem turns down the Doha draft",
        "Ministers voted against the draft truce deal drawn up in Doha after a long night session, Israeli officials "
            + "said, objecting to the order in which prisoners and hostages would be released. Hamas condemned the vote."
    )

    private func run(_ items: [(FeedItem, FeedReference)]) throws -> (state: TopicState, alerts: [Alert]) {
        try AnalysisRunner.run(items, topic: Self.topic)
    }

    @Test func threeOutletsReportingOneRoundOfTalksInTheirOwnWordsAreOneStory() throws {
        let (state, alerts) = try run([
            (Self.dohaHarbor, CeasefireTimeline.harbor),
            (Self.dohaCourier, CeasefireTimeline.courier),
            (Self.dohaLedger, CeasefireTimeline.lakeside),
        ])
        #expect(state.stories.count == 1)
        #expect(state.stories.first?.itemCount == 3)
        #expect(state.stories.first?.articles.count == 3)
        #expect(alerts.filter { $0.kind == .newStory }.count == 1)
    }

    @Test func aRejectionTwoDaysLaterIsANewStory() throws {
        let (state, alerts) = try run([
            (Self.dohaHarbor, CeasefireTimeline.harbor),
            (Self.dohaCourier, CeasefireTimeline.courier),
            (Self.rejectionLater, CeasefireTimeline.harbor),
        ])
        #expect(state.stories.map(\.itemCount) == [2, 1])
        #expect(
            alerts.filter { $0.kind == .newStory }.map(\.evidence.first?.title) == [
                Self.dohaHarbor.title, Self.rejectionLater.title,
            ]
        )
    }

    @Test func anotherCountrysCeasefireTheSameDayIsADifferentStory() throws {
        let (state, alerts) = try run([
            (Self.dohaHarbor, CeasefireTimeline.harbor),
            (Self.dohaCourier, CeasefireTimeline.courier),
            (Self.sudanCeasefire, CeasefireTimeline.courier),
            (Self.dohaLedger, CeasefireTimeline.lakeside),
        ])
        #expect(state.stories.map(\.itemCount) == [3, 1])
        #expect(alerts.filter { $0.kind == .newStory }.count == 2)
    }

    @Test func twoOutletsReportingOneRejectionAreOneStoryAndStillTwoSources() throws {
        let (state, alerts) = try AnalysisRunner.run(
            [
                (Self.dohaHarbor, CeasefireTimeline.harbor),
                (Self.rejectionHarbor, CeasefireTimeline.harbor),
                (Self.rejectionCourier, CeasefireTimeline.courier),
            ],
            topic: Self.topic
        )
        #expect(alerts.filter { $0.kind == .newStory }.count == 2)
        #expect(state.stories.map(\.itemCount) == [1, 2])
        let change = try #require(alerts.first { $0.kind == .statusChange })
        #expect(change.status == Alert.StatusChange(from: "negotiating", to: "rejected"))
        #expect(change.explanation?.sources == ["Harbor Wire", "Northern Courier"])
    }

    @Test func clusteringIsTheSameWhenTheStateIsSavedAndRestoredBetweenItems() throws {
        let items = [
            (Self.dohaHarbor, CeasefireTimeline.harbor), (Self.dohaCourier, CeasefireTimeline.courier),
            (Self.sudanCeasefire, CeasefireTimeline.courier), (Self.dohaLedger, CeasefireTimeline.lakeside),
            (Self.rejectionLater, CeasefireTimeline.harbor),
        ]
        let analyzer = try Analyzer(topics: [Self.topic])
        var state = TopicState(topicID: Self.topic.id)
        var alerts: [Alert] = []
        for (item, feed) in items {
            state = try JSONDecoder().decode(TopicState.self, from: JSONEncoder().encode(state))
            alerts += analyzer.detectChanges(
                for: analyzer.analyze(item, feed: feed, firstSeen: AnalysisSamples.at(hours: 1_000)),
                topic: Self.topic.id,
                state: &state,
                raiseAlerts: true,
                now: AnalysisSamples.at(hours: 1_001)
            )
        }
        let uninterrupted = try run(items)
        #expect(state == uninterrupted.state)
        #expect(alerts.map(\.id) == uninterrupted.alerts.map(\.id))
        #expect(alerts.filter { $0.kind == .newStory }.count == 3)
    }
}
