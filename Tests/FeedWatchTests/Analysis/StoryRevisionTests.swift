import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// Copies and updates of one article, written for these tests from ``AnalysisSamples``.
@Suite("Story revisions: copies are duplicates, a new lead or much more text is an update")
struct StoryRevisionTests {
    let matcher = StoryMatcher()

    static let headline = "Mediators unveil a three-stage truce plan"
    static let original = AnalysisSamples.proposalBody + " " + AnalysisSamples.proposalTrailer
    static let newLead = """
        Israel said on Wednesday it would send a delegation to Cairo to study the plan, the first sign that the \
        government is ready to engage, while Hamas leaders asked for written guarantees from the mediators.
        """
    static let extraParagraphs = """
        Diplomats in the region said the guarantees would most likely come from Washington and Doha, and that a \
        monitoring committee would sit in Cairo. Relief agencies began moving fuel towards the southern crossing \
        in case the pause starts this week, and hospital directors drew up lists of patients to be moved first. \
        Families of the hostages gathered outside the defence ministry in the evening and urged both sides to \
        accept the first stage without delay.
        """

    private func revision(of title: String, _ text: String, against earlier: String) -> StoryMatcher.Revision? {
        let sketch = matcher.sketch(StoryMatcher.textShingles(of: FeedItem(title: Self.headline, summary: earlier)))
        return matcher.revision(
            of: StoryMatcher.textShingles(of: FeedItem(title: title, summary: text)),
            against: sketch
        )
    }

    @Test func wireCopyWithAChangedHeadlineIsADuplicate() {
        #expect(revision(of: "Egypt and Qatar table phased plan", Self.original, against: Self.original) == .duplicate)
    }

    @Test func wireCopyWithItsLastParagraphTrimmedIsADuplicate() {
        #expect(revision(of: Self.headline, AnalysisSamples.proposalBody, against: Self.original) == .duplicate)
    }

    @Test func wireCopyWithAnAddedDatelineIsADuplicate() {
        let copy = "CAIRO, June 15 (Harbor Wire) — " + Self.original
        #expect(revision(of: Self.headline, copy, against: Self.original) == .duplicate)
    }

    @Test func aNewLeadParagraphMakesAnUpdate() {
        #expect(revision(of: Self.headline, Self.newLead + " " + Self.original, against: Self.original) == .update)
    }

    @Test func halfAgainAsMuchTextMakesAnUpdate() {
        let longer = Self.original + " " + Self.extraParagraphs
        #expect(Double(longer.count) >= 1.5 * Double(Self.original.count))
        #expect(revision(of: Self.headline, longer, against: Self.original) == .update)
    }

    @Test func anotherOutletsVersionWithLinesOfItsOwnIsACopyNotAnUpdate() {
        let sketch = matcher.sketch(
            StoryMatcher.textShingles(of: FeedItem(title: Self.headline, summary: Self.original))
        )
        let longer = StoryMatcher.textShingles(
            of: FeedItem(title: Self.headline, summary: Self.newLead + " " + Self.original)
        )
        #expect(matcher.revision(of: longer, against: sketch, sameOutlet: false) == .duplicate)
        #expect(matcher.revision(of: longer, against: sketch, sameOutlet: true) == .update)
    }

    @Test func anotherArticleIsNeitherACopyNorAnUpdate() {
        #expect(revision(of: Self.headline, AnalysisSamples.rejectionBody, against: Self.original) == nil)
    }

    @Test func theArticleIndexNamesTheVersionAnItemCopiesOrUpdates() {
        var index = ArticleIndex()
        let first = StoryMatcher.textShingles(of: FeedItem(title: Self.headline, summary: Self.original))
        let copy = StoryMatcher.textShingles(of: FeedItem(title: "Plan tabled", summary: AnalysisSamples.proposalBody))
        let update = StoryMatcher.textShingles(
            of: FeedItem(title: Self.headline, summary: Self.newLead + " " + Self.original)
        )
        let secondUpdate = StoryMatcher.textShingles(
            of: FeedItem(title: Self.headline, summary: Self.newLead + " " + Self.original + " " + Self.extraParagraphs)
        )
        #expect(index.classify(first, key: "id:v1") == nil)
        #expect(index.classify(copy, key: "id:copy") == ArticleIndex.Relation(revision: .duplicate, key: "id:v1"))
        #expect(index.classify(update, key: "id:v2") == ArticleIndex.Relation(revision: .update, key: "id:v1"))
        #expect(index.classify(secondUpdate, key: "id:v3") == ArticleIndex.Relation(revision: .update, key: "id:v2"))
    }

    // MARK: - In change detection

    static let topic = TopicConfiguration(
        id: "ceasefire",
        name: "Ceasefire talks",
        match: "ceasefire OR truce OR plan",
        status: "negotiation",
        rules: TopicChangeRules(headlineConfirms: false)
    )

    static func version(_ id: String, hours: Double, _ title: String, _ body: String) -> FeedItem {
        FeedItem(
            id: "urn:revision:\(id)",
            title: title,
            link: "https://news.example/revision/\(id)",
            published: AnalysisSamples.at(hours: hours),
            summary: body
        )
    }

    @Test func anUpdateJoinsItsStoryAndRaisesNoNewStory() throws {
        let (state, alerts) = try AnalysisRunner.run(
            [
                (Self.version("v1", hours: 0, Self.headline, Self.original), CeasefireTimeline.harbor),
                (
                    Self.version("v2", hours: 30, "Israel to study the truce plan", Self.newLead + " " + Self.original),
                    CeasefireTimeline.harbor
                ),
            ],
            topic: Self.topic
        )
        #expect(alerts.filter { $0.kind == .newStory }.count == 1)
        #expect(state.stories.count == 1)
        #expect(state.stories.first?.itemCount == 2)
        #expect(state.stories.first?.articles.map(\.key) == ["id:urn:revision:v2"])
    }

    static let talksCollapsedLead = """
        The talks collapsed on Thursday night when both delegations left Cairo, officials said, ending hopes of a \
        pause before the holiday and leaving the mediators without a date for another round.
        """
    static let collapseElsewhere = """
        Negotiations in Cairo broke down late on Thursday after the two sides failed to agree on the order of \
        releases. Egyptian officials blamed last-minute demands and said no new meeting was planned.
        """

    @Test func anUpdateWithANewStatusCountsAsItsOutletsReport() throws {
        let (state, alerts) = try AnalysisRunner.run(
            [
                (Self.version("v1", hours: 0, Self.headline, Self.original), CeasefireTimeline.harbor),
                (
                    Self.version("courier", hours: 60, "Cairo truce negotiations break down", Self.collapseElsewhere),
                    CeasefireTimeline.courier
                ),
                (
                    Self.version(
                        "v2",
                        hours: 61,
                        "Truce plan talks collapse",
                        Self.talksCollapsedLead + " " + Self.original
                    ),
                    CeasefireTimeline.harbor
                ),
            ],
            topic: Self.topic
        )
        // Talks that break down end no deal: `stalled` (a deal that ends is `collapsed`).
        let change = try #require(alerts.first { $0.kind == .statusChange })
        #expect(change.status?.to == "stalled")
        #expect(change.explanation?.sources == ["Northern Courier", "Harbor Wire"])
        #expect(state.status == "stalled")
        #expect(!alerts.contains { $0.kind == .newStory && $0.evidence.first?.title == "Truce plan talks collapse" })
    }

    @Test func anUpdateRepeatingItsArticlesStatusIsNotASecondReport() throws {
        let (state, alerts) = try AnalysisRunner.run(
            [
                (Self.version("v0", hours: 0, "Truce plan tabled in Cairo", Self.original), CeasefireTimeline.courier),
                (
                    Self.version("v1", hours: 40, "Truce plan talks collapse", Self.talksCollapsedLead),
                    CeasefireTimeline.harbor
                ),
                (
                    Self.version(
                        "v2",
                        hours: 41,
                        "Truce plan talks collapse",
                        Self.talksCollapsedLead + " " + Self.extraParagraphs
                    ),
                    CeasefireTimeline.harbor
                ),
            ],
            topic: Self.topic
        )
        #expect(!alerts.contains { $0.kind == .statusChange })
        #expect(state.status == "proposed")
        #expect(state.pending.first?.reports.count == 1)
    }
}
