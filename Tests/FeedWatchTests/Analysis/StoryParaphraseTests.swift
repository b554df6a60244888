import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// Reports of one event in other words, written for these tests about talks between two invented countries,
/// Varnia and Ostmark: equivalent words, the time between reports, and names every report mentions.
@Suite("Story paraphrase: other outlets' words, time and distinctive names")
struct StoryParaphraseTests {
    static let topic = TopicConfiguration(
        id: "varnia",
        name: "Varnia talks",
        match: "Varnia OR Varnian OR Ostmark",
        status: "negotiation"
    )

    static func item(_ id: String, hours: Double, _ title: String, _ body: String) -> FeedItem {
        FeedItem(
            id: "urn:paraphrase:\(id)",
            title: title,
            link: "https://news.example/paraphrase/\(id)",
            published: AnalysisSamples.at(hours: hours),
            summary: body
        )
    }

    static let endorsed = item(
        "endorsed",
        hours: 0,
        "Ostmark cabinet endorses the Korsgard truce",
        "Ministers in Ostmark endorsed the truce worked out in Korsgard, under which Varnian captives held since "
            + "the spring will be freed in two groups."
    )
    static let approved = item(
        "approved",
        hours: 5,
        "Korsgard ceasefire approved by Ostmark ministers",
        "The government of Ostmark approved the ceasefire accord negotiated in Korsgard; hostages taken by both "
            + "sides are to be released over the coming week."
    )
    static func vector(_ item: FeedItem, table: StoryEquivalents) -> TermVector {
        let frequencies = StoryClusterer.frequencies(
            title: TextNormalizer.tokens(item.title ?? ""),
            text: TextNormalizer.tokens(item.summary ?? "")
        )
        return table.canonical(frequencies).normalised()
    }

    @Test func equivalentWordsBringTwoOutletsReportsOfOneApprovalCloser() {
        let plain = Self.vector(Self.endorsed, table: .none).dot(Self.vector(Self.approved, table: .none))
        let mapped = Self.vector(Self.endorsed, table: .negotiation)
            .dot(Self.vector(Self.approved, table: .negotiation))
        #expect(mapped > plain + 0.2)
    }

    @Test func twoOutletsReportingOneApprovalInTheirOwnWordsHoursApartAreOneStory() throws {
        let (state, alerts) = try AnalysisRunner.run(
            [(Self.endorsed, CeasefireTimeline.harbor), (Self.approved, CeasefireTimeline.courier)],
            topic: Self.topic
        )
        #expect(state.stories.map(\.itemCount) == [2])
        #expect(alerts.filter { $0.kind == .newStory }.count == 1)
    }

    /// The parliament's vote on the ceasefire the cabinet endorsed: the next step of the same talks, in similar
    /// words.
    static func vote(hours: Double) -> FeedItem {
        item(
            "vote-\(hours)",
            hours: hours,
            "Ostmark parliament puts off its vote on the Korsgard ceasefire",
            "Deputies in Ostmark postponed the vote on the Korsgard accord until after the holidays, the speaker "
                + "said, citing objections over the order of prisoner releases."
        )
    }

    @Test func theNextStepInSimilarWordsJoinsHoursLaterButStartsANewStoryADayLater() throws {
        let opening = [(Self.endorsed, CeasefireTimeline.harbor), (Self.approved, CeasefireTimeline.courier)]
        let soon = try AnalysisRunner.run(
            opening + [(Self.vote(hours: 7), CeasefireTimeline.lakeside)],
            topic: Self.topic
        )
        #expect(soon.state.stories.map(\.itemCount) == [3])
        let later = try AnalysisRunner.run(
            opening + [(Self.vote(hours: 31), CeasefireTimeline.lakeside)],
            topic: Self.topic
        )
        #expect(later.state.stories.map(\.itemCount) == [2, 1])
        #expect(later.alerts.filter { $0.kind == .newStory }.count == 2)
    }

    /// A one-item story at hour 0 whose centroid is `profile`.
    static func story(profile: TermVector) -> StoryState {
        StoryState(
            id: "s",
            title: nil,
            firstAt: AnalysisSamples.at(hours: 0),
            lastAt: AnalysisSamples.at(hours: 0),
            itemCount: 1,
            shingles: [],
            profile: profile
        )
    }

    @Test func theSimilarityAStoryNeedsDoublesWithEachHalfLifeSinceItsLatestItem() {
        let clusterer = StoryClusterer()
        let vector = Self.vector(Self.endorsed, table: .negotiation)
        let story = Self.story(profile: vector)
        let now = clusterer.score(vector, story, at: AnalysisSamples.at(hours: 0))
        let later = clusterer.score(vector, story, at: AnalysisSamples.at(hours: clusterer.halfLife / 3_600))
        #expect(abs(now - 1) < 1e-9)
        #expect(abs(later - 0.5) < 1e-9)
    }

    @Test func aStorySharingOnlyOneNameWithAnItemNeedsTwiceTheScore() {
        let clusterer = StoryClusterer()
        let names = StoryClusterer.entityTerms(["Ostmark", "Korsgard"])
        let words = TermVector.hash("ceasefire")
        let terms = (names + [words]).sorted()
        let vector = TermVector(terms: terms, weights: terms.map { _ in 1 }).normalised()
        let story = Self.story(profile: vector)
        // The same words, so late that the decayed score lies between the two thresholds.
        let hours = clusterer.halfLife / 3_600 * log2(1 / 0.07)
        let time = AnalysisSamples.at(hours: hours)
        #expect(clusterer.bestStory(for: vector, entities: names, at: time, in: [story])?.index == 0)
        #expect(clusterer.bestStory(for: vector, entities: [names[0]], at: time, in: [story]) == nil)
        #expect(clusterer.bestStory(for: vector, entities: [], at: time, in: [story]) == nil)
    }

    @Test func aRallyHoursAfterAVoteSharingOneNameIsItsOwnStory() throws {
        let rally = Self.item(
            "rally",
            hours: 9,
            "Families of captives march on the Ostmark parliament",
            "Several hundred relatives walked from the station to the parliament, carrying photographs and asking "
                + "deputies to hurry the releases."
        )
        let (state, alerts) = try AnalysisRunner.run(
            [(Self.endorsed, CeasefireTimeline.harbor), (rally, CeasefireTimeline.courier)],
            topic: Self.topic
        )
        #expect(state.stories.map(\.itemCount) == [1, 1])
        #expect(alerts.filter { $0.kind == .newStory }.count == 2)
    }

    /// Ten earlier reports, days apart, each naming Varnia, so that the name is in nearly every article.
    static let background: [(FeedItem, FeedReference)] = [
        ("Varnia recalls its ambassador", "The envoy was summoned home after a row over fishing quotas."),
        ("Varnia closes a mountain pass", "Snow and rockfalls shut the northern road to lorries for a week."),
        ("Varnia names a new trade minister", "A former central banker takes over the ministry on Tuesday."),
        ("Varnia holds a military parade", "Tanks and marching bands filled the capital's main avenue."),
        ("Varnia raises fuel prices", "Petrol will cost a tenth more from the first of the month."),
        ("Varnia expels two journalists", "Both reporters were accused of filming near an air base."),
        ("Varnia reopens a river port", "Barges can load timber again after dredging was finished."),
        ("Varnia bans a football club", "Supporters rioted after the cup final, the league said."),
        ("Varnia floods a valley dam", "Engineers began filling the reservoir behind the new wall."),
        ("Varnia counts its census", "Enumerators will visit every household during the spring."),
    ].enumerated().map { index, text in
        (item("background-\(index)", hours: Double(index) * 100, text.0, text.1), CeasefireTimeline.gazette)
    }

    @Test func twoEventsHoursApartThatShareOnlyTheNameEveryReportMentionsAreTwoStories() throws {
        let railTransit = Self.item(
            "rail",
            hours: 1_100,
            "Varnia and Dellmoor agree to restore rail transit from Monday",
            "Freight trains from Varnia will again cross Dellmoor from Monday under stricter checks, the two "
                + "transport ministries agreed, after a dispute over tariffs halted traffic."
        )
        let inspections = Self.item(
            "inspections",
            hours: 1_102,
            "Ship inspections off Varnia restart after a halt, officials say",
            "Inspections of cargo ships bound for Varnia are restarting after a two-day halt, officials said, "
                + "under the agreement that governs the shipping lane."
        )
        let (state, alerts) = try AnalysisRunner.run(
            Self.background + [(railTransit, CeasefireTimeline.harbor), (inspections, CeasefireTimeline.courier)],
            topic: Self.topic
        )
        #expect(state.stories.suffix(2).map(\.itemCount) == [1, 1])
        #expect(
            alerts.filter { $0.kind == .newStory }.suffix(2).compactMap(\.evidence.first?.title) == [
                railTransit.title, inspections.title,
            ]
        )
    }
}
