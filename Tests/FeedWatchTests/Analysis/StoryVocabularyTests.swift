import Foundation
import Testing

@testable import FeedWatchAnalysis

@Suite("StoryVocabulary and TermVector")
struct StoryVocabularyTests {
    @Test func aTermEveryArticleSharesWeighsLessThanARareOne() {
        var vocabulary = StoryVocabulary()
        for article in 0..<10 {
            vocabulary.add([1, UInt64(100 + article)])
        }
        #expect(vocabulary.inverseFrequency(1) < vocabulary.inverseFrequency(100))
        #expect(vocabulary.inverseFrequency(100) < vocabulary.inverseFrequency(999))
        #expect(vocabulary.inverseFrequency(1) > 0)
    }

    @Test func aNameInNearlyEveryArticleIsNotDistinctiveButARareOneIs() {
        var vocabulary = StoryVocabulary()
        #expect(vocabulary.distinctive([1, 2]) == [1, 2])
        for article in 0..<12 {
            vocabulary.add(article < 2 ? [1, 2] : [1, UInt64(100 + article)])
        }
        #expect(vocabulary.distinctive([1, 2, 999]) == [2, 999])
    }

    @Test func everyNameIsDistinctiveWhileTheTopicHasFewArticles() {
        var vocabulary = StoryVocabulary()
        for _ in 0..<(StoryVocabulary.distinctiveMinimum - 1) {
            vocabulary.add([1])
        }
        #expect(vocabulary.distinctive([1]) == [1])
        vocabulary.add([1])
        #expect(vocabulary.distinctive([1]).isEmpty)
    }

    @Test func theVocabularyStaysWithinItsCapacity() {
        var vocabulary = StoryVocabulary()
        for article in 0..<(StoryVocabulary.capacity / 4) {
            vocabulary.add((0..<8).map { UInt64(article * 8 + $0) } + [1, 2])
        }
        #expect(vocabulary.frequencies.count <= StoryVocabulary.capacity)
        #expect(vocabulary.frequencies[1] != nil)
        #expect(vocabulary.documentCount > 0)
    }

    @Test func equalVocabulariesEncodeToEqualBytesWithSortedKeys() throws {
        var first = StoryVocabulary()
        var second = StoryVocabulary()
        first.add([3, 1, 2])
        second.add([2, 3, 1])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(first) == encoder.encode(second))
        #expect(try JSONDecoder().decode(StoryVocabulary.self, from: encoder.encode(first)) == first)
    }

    @Test func vectorsAddDotAndKeepTheirHeaviestTerms() {
        let a = TermVector(terms: [1, 2, 3], weights: [1, 2, 3])
        let b = TermVector(terms: [2, 4], weights: [1, 1])
        #expect(a.dot(b) == 2)
        #expect(a.adding(b, scaledBy: 2) == TermVector(terms: [1, 2, 3, 4], weights: [2, 5, 6, 1]))
        #expect(a.keepingHeaviest(2) == TermVector(terms: [2, 3], weights: [2, 3]))
        #expect(abs(a.normalised().norm - 1) < 1e-12)
        #expect(TermVector.frequencies([7, 7, 5]).terms == [5, 7])
    }
}
