import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

/// Status read from event frames: a predicate about the negotiated thing, with its modality. Every sentence here
/// was written for these tests.
@Suite("Status frames: predicates, objects and modality")
struct StatusFrameTests {
    let detector = StatusDetector(preset: .negotiation)

    private func status(_ title: String, body: String? = nil) -> String? {
        detector.detect(title: title, body: body)?.status
    }

    @Test(arguments: [
        ("The cabinet approves the truce-for-hostages deal", "agreed"),
        ("Parliament ratified the border accord overnight", "agreed"),
        ("Both delegations sign off on the ceasefire terms", "agreed"),
        ("Guns fall silent as the truce takes hold", "in_effect"),
        ("Moscow pulls out of the corridor deal", "collapsed"),
        ("The opposition walks out of the talks in protest", "stalled"),
        ("Kyiv rebuffs the latest offer from the mediators", "rejected"),
        ("Envoys draw up a framework for a phased pause", "proposed"),
        ("Monitors say the armistice was breached twice", "violated"),
        ("Each side accuses the other of breaching the terms", "violated"),
    ])
    func aPredicateAboutTheNegotiatedThingReportsItsState(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test(arguments: [
        "Israel rejected the accusations outright",
        "Negotiators agree on a venue for the next round",
        "The minister signed a book of condolence",
        "Officials suspended the match after crowd trouble",
    ])
    func aPredicateAboutSomethingElseReportsNoSpecificState(title: String) {
        let found = status(title)
        #expect(found == nil || found == "negotiating")
    }

    @Test(arguments: [
        ("The first convoys cross into the north under the pause", "in_effect"),
        ("Inspections resume at the port after a week", "in_effect"),
        ("Troops block aid convoys at the checkpoint", "violated"),
    ])
    func theDealsOperationsReportWhetherItRuns(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test(arguments: [
        "No aid convoys will cross on Friday, the coordination cell said",
        "Zero sailings are scheduled from the southern ports this week",
        "The monitors halted all crossings for a second day",
    ])
    func theDealsTrafficStandingStillIsAStall(title: String) {
        #expect(status(title) == "stalled")
    }

    @Test(arguments: [
        "No one expects the ships to be ready before spring",
        "There was no sign the truce would fail, and the convoys kept moving",
    ])
    func noFarFromTheTrafficIsNoStall(title: String) {
        #expect(status(title) != "stalled")
    }

    @Test func talksResumingAreNotADealInForce() {
        #expect(status("Talks on the truce resume in Cairo") != "in_effect")
    }

    @Test(arguments: [
        ("The truce plan is tabled in Cairo", "proposed"),
        ("Rebels plan to quit the pact", nil),
    ])
    func anIntentionNeedsToAfterItsVerb(title: String, expected: String?) {
        let found = status(title)
        #expect(found == expected || (expected == nil && found == "negotiating"))
    }

    @Test func aTopicsOwnObjectsCountForItsPredicates() throws {
        let title = "Ministers approve the fishing quota"
        #expect(detector.detect(title: title, body: nil)?.status == nil)
        let topical = StatusDetector(preset: .negotiation, extraObjects: ["quota"])
        #expect(topical.detect(title: title, body: nil)?.status == "agreed")
    }

    @Test(arguments: [
        "Officials stressed that nothing had been signed yet",
        "No deal has been signed, a spokesman said",
        "Nobody has rejected the proposal so far",
    ])
    func negationReachesOverNothingAndNobody(title: String) {
        #expect(status(title) == nil || status(title) == "proposed")
        #expect(status(title) != "agreed" && status(title) != "rejected")
    }

    @Test(arguments: [
        "The agreement is to be signed in Ankara on Friday",
        "Kyiv will reject any deal that cedes territory",
        "Moscow plans to quit the pact next month",
        "Rebels vow to breach the truce if shelling goes on",
    ])
    func aFutureOrIntendedStepIsNotReportedAsFact(title: String) {
        let found = status(title)
        #expect(found == nil || found == "negotiating" || found == "proposed")
    }

    @Test(arguments: [
        "The truce, which had collapsed in May, is back in place",
        "Talks resume a year after the accord had been signed",
    ])
    func aPastPerfectRecapsAnEarlierStage(title: String) {
        let found = status(title)
        #expect(found != "collapsed" && found != "agreed")
    }

    @Test func aPhraseIsOneReportNotOnePerWord() {
        // "deal reached" must not count again as "reached … deal": the proposal outnumbers it.
        let found = status("Update", body: "A fresh draft deal reached the envoys; the rebels propose a shorter pause.")
        #expect(found == "proposed")
    }

    @Test func aHeadlineStatingASpecificStateIsAStrongReport() {
        #expect(detector.detect(title: "Rebels reject the truce plan", body: nil)?.inHeadline == true)
        #expect(
            detector.detect(title: "Talks update", body: "The rebels rejected the truce plan.")?.inHeadline == false
        )
        #expect(detector.detect(title: "Delegations meet for more talks", body: nil)?.inHeadline == false)
    }

    @Test(arguments: [
        "Officials agree to ceasefire talks next week",
        "Both camps agree to hold truce talks in Oslo",
    ])
    func aNounThatOnlyModifiesTheNextIsNotTheObject(title: String) {
        // The talks are agreed to, not the ceasefire: agreeing to talk is no agreement.
        #expect(status(title) != "agreed")
    }

    @Test(arguments: [
        "Freighters reach the harbour on the accord's final day",
        "Tankers reach Varna in the pact’s last week",
    ])
    func aPossessiveAfterThePredicateOwnsAnotherNoun(title: String) {
        #expect(status(title) != "agreed")
    }

    @Test(arguments: [
        "The militia stopped inspections at the crossing, monitors say",
        "Moscow suspends registration of vessels bound for the ports",
        "Border guards freeze the checks on aid trucks, the UN says",
        "The navy halts grain corridor inspections for a third day",
    ])
    func aPartyStoppingItsOwnPartOfTheWorkIsAViolation(title: String) {
        #expect(status(title) == "violated")
    }

    @Test(arguments: [
        ("Inspections resume after a two-day halt", "in_effect"),
        ("Inspectors restart their work after the convoy suspension", "in_effect"),
    ])
    func aConjunctionOpensAClauseWithItsOwnObject(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test func anObjectBeyondAConjunctionIsNotThePredicates() {
        // Without the clause break, "agree" would find "truce" six words on.
        #expect(status("Negotiators agree on a venue while the truce is debated") != "agreed")
    }

    @Test(arguments: [
        "Only forty ships sailed in April, half the March figure",
        "Exports flowed during early May, the ministry said",
        "The convoys crossed throughout 2024 without incident",
    ])
    func aWholePeriodAfterTheCueIsASummaryNotAnEvent(title: String) {
        #expect(status(title) != "in_effect")
    }

    @Test func aDayAfterTheCueIsStillNews() {
        #expect(status("Twelve ships sail from the southern ports on Monday") == "in_effect")
    }

    @Test(arguments: [
        ("The rebels walk away from the truce after a night of shelling", "collapsed"),
        ("The rebels walk away from the talks in Doha", "rejected"),
        ("Kyiv walked away from the latest offer", "rejected"),
    ])
    func walkingAwayEndsADealButRejectsAnOfferOrTalks(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test(arguments: [
        ("Truce talks collapse in Cairo after a night of recriminations", "stalled"),
        ("Israel pulls out of the talks in Doha", "stalled"),
        ("Mediators call off the negotiations until the new year", "stalled"),
        ("The ceasefire collapsed overnight", "collapsed"),
        ("Hamas quits the truce, citing Israeli strikes", "collapsed"),
        ("The collapse of the pact leaves the ports empty", "collapsed"),
    ])
    func talksThatBreakDownStallOnlyADealThatEndsCollapses(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test(arguments: [
        ("Second group of captives released under the pause", "in_effect"),
        ("Four hostages freed in swap for 120 prisoners", "in_effect"),
        ("Militants postpone the next hostage release, citing air strikes", "violated"),
    ])
    func captivesChangingHandsIsATruceAtWork(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test func aHostageVideoIsNoRelease() {
        #expect(status("Militants release a hostage video as the talks stall") != "in_effect")
    }

    @Test(arguments: [
        "Truce to begin on Friday at dawn",
        "Ships set to sail from the southern ports",
        "Militants refuse to release the hostages",
    ])
    func anInfinitiveIsAStepNotYetTaken(title: String) {
        let found = status(title)
        #expect(found == nil || found == "negotiating" || found == "violated", "\(String(describing: found))")
        #expect(found != "in_effect")
    }

    @Test(arguments: [
        ("The cabinet voted to approve the truce deal", "agreed"),
        ("The first convoys began to cross under the pause", "in_effect"),
        ("Ministers defend the decision to reject the truce offer", "rejected"),
    ])
    func anInfinitiveAfterAVoteOrABeginningIsTheStepItself(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test func whatAReplyAnswersIsNamedNotReported() {
        let found = status("Rebels respond to the truce proposal within a day")
        #expect(found != "proposed")
    }

    @Test func aCounterOfferKeepsTheQuestionOpen() {
        #expect(status("Kyiv answers with a counter-offer of its own") == "negotiating")
        #expect(status("Moscow names its price for the corridor") == "negotiating")
    }

    @Test(arguments: [
        ("The ceasefire ended at dawn", "collapsed"),
        ("Shelling shatters the week-old truce", "collapsed"),
    ])
    func aDealThatEndsOrIsShatteredCollapses(title: String, expected: String) {
        #expect(status(title) == expected)
    }

    @Test(arguments: [
        "Jets launch strikes near the border, testing the truce",
        "Union strikes halt the port as the pact talks drag on",
    ])
    func aVerbThatIsANounTooNeedsItsObjectRightAfterIt(title: String) {
        #expect(status(title) != "agreed")
    }

    @Test func envoysStrikingADealAgreeIt() {
        #expect(status("Envoys strike a truce deal in Doha") == "agreed")
    }

    @Test(arguments: [
        "The Kremlin rebuffs Ankara's appeal to return to the corridor",
        "Hamas turns down the mediators' plea",
    ])
    func refusingAnAppealIsARejection(title: String) {
        #expect(status(title) == "rejected")
    }

    @Test func makingAnAppealIsNoProposal() {
        #expect(status("The agency presents an appeal for relief funds") == nil)
    }

    @Test(arguments: [
        ("agree", ["agree", "agrees", "agreed", "agreeing"]),
        ("ratify", ["ratify", "ratifies", "ratified", "ratifying"]),
        ("reach", ["reach", "reaches", "reached", "reaching"]),
        ("snub", ["snub", "snubs", "snubbed", "snubbing"]),
        ("stop", ["stop", "stops", "stopped", "stopping"]),
        ("take hold", ["take hold", "takes hold", "took hold", "taken hold", "taking hold"]),
    ])
    func predicatesAreListedOnceAndMatchedInEveryForm(lemma: String, forms: [String]) {
        #expect(VerbForms.of(lemma) == forms)
    }
}

@Suite("Status changes: which state can follow which, and strong reports")
struct StatusTransitionTests {
    static let harbor = FeedReference(id: 1, url: "https://harbor.example/feed", name: "Harbor Wire")
    static let courier = FeedReference(id: 2, url: "https://courier.example/feed", name: "Northern Courier")

    private func item(_ id: String, hours: Double, _ title: String, _ summary: String = "") -> FeedItem {
        FeedItem(id: id, title: title, published: AnalysisSamples.at(hours: hours), summary: summary)
    }

    private func changes(
        _ items: [(FeedItem, FeedReference)],
        headlineConfirms: Bool = true
    ) throws -> [String] {
        var topic = TopicConfiguration(id: "t", match: "truce OR deal", status: "negotiation")
        topic.rules.headlineConfirms = headlineConfirms
        let (_, alerts) = try AnalysisRunner.run(items, topic: topic)
        return alerts.filter { $0.kind == .statusChange }.compactMap { $0.status?.to }
    }

    @Test func aDealCannotBeViolatedBeforeItIsInEffect() throws {
        let items = [
            (item("a", hours: 0, "Mediators table a truce plan"), Self.harbor),
            (item("b", hours: 30, "Each side says the other violated the truce"), Self.harbor),
            (item("c", hours: 31, "Accusations fly that the truce was breached"), Self.courier),
        ]
        #expect(try changes(items).isEmpty)
    }

    @Test func anAgreementReportedWhileTheDealHoldsIsNoChange() throws {
        let items = [
            (item("a", hours: 0, "The truce took effect at dawn"), Self.harbor),
            (item("b", hours: 30, "Both sides agree to extend the truce"), Self.harbor),
            (item("c", hours: 31, "Parties agreed to keep the truce for another month"), Self.courier),
        ]
        #expect(try changes(items).isEmpty)
    }

    @Test func talksAboutADealInForceDoNotTakeItBackToTheTable() throws {
        let items = [
            (item("a", hours: 0, "The truce took effect at dawn"), Self.harbor),
            (item("b", hours: 30, "Talks on extending the truce open in Cairo"), Self.harbor),
            (item("c", hours: 31, "Negotiators meet to discuss the truce's second phase"), Self.courier),
        ]
        #expect(try changes(items).isEmpty)
    }

    @Test func talksAfterACollapseAreNegotiationAgain() throws {
        let items = [
            (item("a", hours: 0, "The truce collapsed overnight"), Self.harbor),
            (item("b", hours: 30, "Mediators open talks on a new truce in Cairo"), Self.harbor),
            (item("c", hours: 31, "Negotiators meet in Doha for talks on a new truce"), Self.courier),
        ]
        #expect(try changes(items) == ["negotiating"])
    }

    @Test func byDefaultOneStrongHeadlineMovesTheStatus() throws {
        let items = [
            (item("a", hours: 0, "Mediators table a truce plan"), Self.harbor),
            (item("b", hours: 30, "Rebels reject the truce plan"), Self.harbor),
        ]
        var topic = TopicConfiguration(id: "t", match: "truce OR deal", status: "negotiation")
        #expect(topic.rules.headlineConfirms)
        topic.rules = TopicChangeRules()
        let (_, alerts) = try AnalysisRunner.run(items, topic: topic)
        #expect(alerts.filter { $0.kind == .statusChange }.compactMap { $0.status?.to } == ["rejected"])
    }

    @Test func withHeadlineConfirmsOneStrongHeadlineMovesTheStatus() throws {
        let items = [
            (item("a", hours: 0, "Mediators table a truce plan"), Self.harbor),
            (item("b", hours: 30, "Rebels reject the truce plan"), Self.harbor),
        ]
        #expect(try changes(items, headlineConfirms: true) == ["rejected"])
        #expect(try changes(items, headlineConfirms: false).isEmpty)
    }

    @Test func withHeadlineConfirmsAReportInTheBodyStillNeedsASecondOutlet() throws {
        let items = [
            (item("a", hours: 0, "Mediators table a truce plan"), Self.harbor),
            (item("b", hours: 30, "Truce diary", "The rebels rejected the truce plan on Monday."), Self.harbor),
        ]
        #expect(try changes(items, headlineConfirms: true).isEmpty)
    }
}

/// Session-8 frames, from a second batch of headlines written in the style of ceasefire reporting.
@Suite("Status frames: objects, joined infinitives, handed terms and collapse idioms")
struct StatusFrameObjectTests {
    let detector = StatusDetector(preset: .negotiation)

    private func status(_ title: String) -> String? {
        detector.detect(title: title, body: nil)?.status
    }

    @Test(arguments: [
        ("Negotiators hold late-night talks on the truce timetable", "negotiating"),
        ("Both sides hold fresh negotiations on the ceasefire lines", "negotiating"),
    ])
    func theFirstNegotiatedThingAfterAPredicateIsItsObject(title: String, expected: String) {
        // The talks and negotiations are held, not the truce or the ceasefire: neither is in effect.
        #expect(status(title) == expected)
    }

    @Test func aVerbJoinedToAnInfinitiveIsAStepNotYetTaken() {
        #expect(status("Washington lays out a plan to end the fighting and release hostages") == "proposed")
        #expect(status("Hamas releases hostages and frees prisoners under the deal") == "in_effect")
    }

    @Test(arguments: [
        "Mediators hand both sides a draft ceasefire plan",
        "Cairo sends the warring parties fresh truce terms",
    ])
    func handingOrSendingTermsProposesThem(title: String) {
        #expect(status(title) == "proposed")
    }

    @Test(arguments: [
        "The ceasefire lies in tatters after a night of shelling",
        "The border truce unravels after a night of raids",
        "Militia leader says the truce is over",
    ])
    func aDealInTattersOrOverHasCollapsed(title: String) {
        #expect(status(title) == "collapsed")
    }
}

/// Session-8 modality, from ledes written in the style of wire reports.
@Suite("Status modality: reported speech, votes, denied claims and background sentences")
struct StatusModalityTests {
    let detector = StatusDetector(preset: .negotiation)

    private func status(_ body: String) -> String? {
        detector.detect(title: "Gaza update", body: body)?.status
    }

    @Test func aPastPerfectInReportedSpeechIsTodaysReportNotARecap() {
        #expect(
            status("The army said militants had violated the truce by firing mortars at a border post.") == "violated"
        )
        #expect(status("By then the two sides had violated the truce many times.") == nil)
    }

    @Test func aVoteLeadsItsInfinitiveFromAFewWordsAway() {
        #expect(status("Ministers voted early on Friday to approve the ceasefire deal.") == "agreed")
        #expect(status("Ministers met early on Friday to approve the ceasefire deal.") == nil)
    }

    @Test func aDeniedClaimIsNoReport() {
        #expect(status("The government dismissed reports that it was blocking aid convoys under the truce.") == nil)
        #expect(status("The government was blocking aid convoys in breach of the truce, monitors said.") == "violated")
    }

    @Test func aSentenceOpeningWithAPeriodIsBackground() {
        let background = "Under the truce agreed in March, 60 hostages were freed before fighting resumed."
        let news = "Under the truce, 60 hostages were freed on Sunday."
        #expect(status(background) == nil)
        #expect(status(news) == "in_effect")
    }
}
