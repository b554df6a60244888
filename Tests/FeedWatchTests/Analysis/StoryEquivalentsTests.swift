import Foundation
import Testing

@testable import FeedWatchAnalysis

/// The per-preset tables of equivalent words, with headlines written for these tests.
@Suite("Story equivalents: words that name one thing count as one term")
struct StoryEquivalentsTests {
    static func frequencies(_ headline: String) -> TermVector {
        StoryClusterer.frequencies(title: TextNormalizer.tokens(headline), text: [])
    }

    static func hash(_ word: String) -> UInt64 {
        TermVector.hash(TextNormalizer.term(word) ?? word)
    }

    let table = StoryEquivalents.negotiation

    @Test func aTruceAPauseAndAnArmisticeBecomeTheCeasefireTerm() {
        for headline in ["Truce holds in the valley", "Pause holds in the valley", "Armistice holds in the valley"] {
            let terms = table.canonical(Self.frequencies(headline)).terms
            #expect(terms.contains(Self.hash("ceasefire")), "\(headline)")
            #expect(!terms.contains(Self.hash("truce")), "\(headline)")
        }
    }

    @Test func captivesAndHostagesAreOneTerm() {
        let captives = table.canonical(Self.frequencies("Nine captives freed at the border"))
        let hostages = table.canonical(Self.frequencies("Nine hostages freed at the border"))
        #expect(captives == hostages)
    }

    @Test func inflectedFormsOfAnEquivalentMeetTheCanonicalWord() {
        for headline in ["Union rebuffed the offer", "Union spurns the offer", "Union is refusing the offer"] {
            let terms = table.canonical(Self.frequencies(headline)).terms
            #expect(terms.contains(Self.hash("reject")), "\(headline)")
            #expect(terms.contains(Self.hash("proposal")), "\(headline)")
        }
    }

    @Test func wordsOutsideTheTableKeepTheirOwnTerm() {
        let vector = Self.frequencies("Harbour workers strike over pay in Lisbon")
        #expect(table.canonical(vector) == vector)
    }

    @Test func weightsOfWordsThatMeetAreAdded() {
        let vector = table.canonical(Self.frequencies("Truce or ceasefire"))
        let index = vector.terms.firstIndex(of: Self.hash("ceasefire"))
        // Each headline word counts twice (weight 1 + ln 2); both words now weigh on one term.
        #expect(index.map { abs(vector.weights[$0] - 2 * (1 + log(2.0))) < 1e-9 } == true)
        #expect(vector.terms.count == 1)
    }

    @Test func aPresetWithoutATableMapsNothing() {
        #expect(StoryEquivalents.forPreset("incident").isEmpty)
        #expect(StoryEquivalents.forPreset(nil).isEmpty)
        #expect(!StoryEquivalents.forPreset("Negotiation").isEmpty)
    }

    @Test func aWordListedInTwoGroupsKeepsItsFirstGroup() {
        let table = StoryEquivalents(groups: [["accord", "pact"], ["treaty", "pact"]])
        let vector = table.canonical(Self.frequencies("pact"))
        #expect(vector.terms == [Self.hash("accord")])
    }
}
