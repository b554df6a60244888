import Testing

@testable import FeedWatchAnalysis

@Suite("EntityExtractor")
struct EntityExtractorTests {
    let extractor = EntityExtractor()

    @Test func titlesBeforeANameAreDropped() {
        let names = extractor.names(in: "Talks resumed after Secretary of State Antony Blinken landed in Cairo.")
        #expect(names == ["Antony Blinken", "Cairo"])
    }

    @Test func demonymsMapToTheirCountry() {
        #expect(
            extractor.names(in: "Egyptian and Qatari mediators met Israeli officials.") == [
                "Egypt", "Qatar", "Israel",
            ]
        )
    }

    @Test func possessivesAreDropped() {
        #expect(extractor.names(in: "The talks hinge on Hamas's answer and Israel’s cabinet.") == ["Hamas", "Israel"])
    }

    @Test func commonWordsStartingASentenceAreNotNames() {
        #expect(extractor.names(in: "Officials said little. Negotiators left. After that, mediators waited.").isEmpty)
    }

    @Test func multiWordOrganisationsKeepTheirConnectors() {
        #expect(
            extractor.names(in: "a statement from the World Health Organization on Monday") == [
                "World Health Organization"
            ]
        )
    }

    @Test func monthsAndWeekdaysAreNotNames() {
        #expect(extractor.names(in: "The vote is on Thursday, and the deadline in March.").isEmpty)
    }

    @Test func topicAliasesMapToTheCanonicalName() {
        let extractor = EntityExtractor(aliases: ["IDF": "Israel Defense Forces"])
        #expect(extractor.names(in: "The IDF said the strikes had stopped.") == ["Israel Defense Forces"])
    }

    @Test func aTitleCaseHeadlineIsSkippedButAPlainOneIsRead() {
        let skipped = extractor.entities(title: "Envoy Says Talks Will Resume Next Week", body: ["Qatar hosts."])
        #expect(skipped == ["Qatar"])
        let read = extractor.entities(title: "Hartmann says talks will resume in Oslo", body: [])
        #expect(read == ["Hartmann", "Oslo"])
    }
}

@Suite("Gazetteer")
struct GazetteerTests {
    @Test func countriesCapitalsDemonymsAndAlternativeNamesAreKnown() {
        #expect(Gazetteer.canonical("qatari") == "Qatar")
        #expect(Gazetteer.canonical("State of Israel") == "Israel")
        #expect(Gazetteer.canonical("Doha") == "Doha")
        #expect(Gazetteer.kind(of: "Doha") == .capital)
        #expect(Gazetteer.kind(of: "Egypt") == .country)
        #expect(Gazetteer.canonical("Harbor Wire") == nil)
    }
}
