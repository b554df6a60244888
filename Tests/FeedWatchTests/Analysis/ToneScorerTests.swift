import Testing

@testable import FeedWatchAnalysis

@Suite("ToneScorer")
struct ToneScorerTests {
    @Test func hopefulAndGrimHeadlinesScoreOnTheirSide() {
        #expect(ToneScorer.compound("Hopes grow as both sides welcome real progress") > 0.5)
        #expect(ToneScorer.compound("Deadly strikes kill dozens as talks collapse") < -0.5)
        #expect(ToneScorer.compound("Delegations meet in Doha on Wednesday") == 0)
    }

    @Test func negationFlipsAWord() {
        #expect(ToneScorer.compound("The deal is good") > 0)
        #expect(ToneScorer.compound("The deal is not good") < 0)
    }

    @Test func butWeightsTheClauseAfterIt() {
        #expect(ToneScorer.compound("The talks were tense but the outcome was great") > 0.3)
    }

    @Test func matchesVADERsPublishedExample() {
        let score = ToneScorer.compound("The food is not good but the service was great!!")
        #expect(abs(score - 0.7601) < 0.001)
    }

    @Test func lexiconHasVADERsEntries() {
        #expect(ToneLexicon.valences.count > 7_000)
        #expect(ToneLexicon.valences["good"] == 1.9)
    }
}
