import Testing

@testable import FeedWatchAnalysis

@Suite("TextNormalizer")
struct TextNormalizerTests {
    @Test(arguments: [
        ("Ceasefire TALKS", ["ceasefire", "talks"]),
        ("Café in Doha", ["cafe", "in", "doha"]),
        ("Straße", ["strasse"]),
        ("Ｃｅａｓｅｆｉｒｅ ﬁnal", ["ceasefire", "final"]),
        ("U.S. envoy", ["us", "envoy"]),
        ("the U.S.-backed plan", ["the", "us", "backed", "plan"]),
        ("Hamas's reply", ["hamas", "reply"]),
        ("Hamas’s reply", ["hamas", "reply"]),
        ("talks in 2024", ["talks", "in", "2024"]),
        ("1,200 prisoners and 3.5 days", ["1200", "prisoners", "and", "3.5", "days"]),
        ("al-Sisi met envoys", ["al", "sisi", "met", "envoys"]),
        ("Israel didn't agree", ["israel", "did", "not", "agree"]),
        ("they can't and won't", ["they", "can", "not", "and", "will", "not"]),
        ("O'Brien said", ["obrien", "said"]),
        ("  ... !!! ", []),
    ])
    func tokensNormalizeCaseDiacriticsNamesAndNumbers(text: String, expected: [String]) {
        #expect(TextNormalizer.tokens(text) == expected)
    }

    @Test func combiningMarksAreFoldedLikePrecomposedLetters() {
        #expect(TextNormalizer.tokens("Se\u{301}ne\u{301}gal") == TextNormalizer.tokens("Sénégal"))
    }

    @Test func stopwordsAreKeptInTokensButListed() {
        #expect(TextNormalizer.tokens("not the deal") == ["not", "the", "deal"])
        #expect(TextNormalizer.isStopword("the"))
        #expect(!TextNormalizer.isStopword("not"))
    }

    @Test func scanRecordsClauseStartsAndSourceRanges() {
        let scanned = TextNormalizer.scan("No deal. Talks ÉCHOUÉES")
        #expect(scanned.tokens.map(\.startsClause) == [true, false, true, false])
        #expect(scanned.original(from: 2, through: 3) == "Talks ÉCHOUÉES")
    }

    @Test func normalizeJoinsTokensWithSpaces() {
        #expect(TextNormalizer.normalize("  Truce,   Plan! ") == "truce plan")
    }
}
