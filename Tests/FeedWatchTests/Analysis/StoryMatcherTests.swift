import Foundation
import Testing

@testable import FeedWatchAnalysis

@Suite("StoryMatcher")
struct StoryMatcherTests {
    let matcher = StoryMatcher()

    private func shingles(_ title: String, _ body: String) -> [UInt64] {
        StoryMatcher.shingles(TextNormalizer.tokens(title) + TextNormalizer.tokens(body))
    }

    private func story(_ title: String, _ body: String, at time: Date = AnalysisSamples.start) -> StoryState {
        StoryState(
            id: "s1",
            title: title,
            firstAt: time,
            lastAt: time,
            itemCount: 1,
            shingles: matcher.sketch(shingles(title, body))
        )
    }

    private var original: StoryState {
        story(
            "Mediators unveil a three-stage truce plan",
            AnalysisSamples.proposalBody + " " + AnalysisSamples.proposalTrailer
        )
    }

    @Test func shinglesAreDeterministicSortedAndDistinct() {
        let hashes = StoryMatcher.shingles(["a", "b", "c", "a", "b", "c"])
        #expect(hashes == StoryMatcher.shingles(["a", "b", "c", "a", "b", "c"]))
        #expect(hashes.count == 3)
        #expect(hashes == hashes.sorted())
        #expect(StoryMatcher.shingles(["truce"]).count == 1)
        #expect(StoryMatcher.shingles([]).isEmpty)
    }

    @Test func wireCopyWithChangedHeadlineJoins() {
        let copy = shingles(
            "Egypt and Qatar table phased ceasefire proposal",
            AnalysisSamples.proposalBody + " " + AnalysisSamples.proposalTrailer
        )
        #expect(matcher.bestMatch(for: copy, at: AnalysisSamples.at(hours: 2), in: [original]) == 0)
    }

    @Test func wireCopyWithAddedDatelineJoins() {
        let copy = shingles(
            "Mediators unveil a three-stage truce plan",
            "CAIRO, June 15 (Harbor Wire) — " + AnalysisSamples.proposalBody + " " + AnalysisSamples.proposalTrailer
        )
        #expect(matcher.bestMatch(for: copy, at: AnalysisSamples.at(hours: 1), in: [original]) == 0)
    }

    @Test func wireCopyWithTrimmedLastParagraphJoins() {
        let copy = shingles("Mediators unveil a three-stage truce plan", AnalysisSamples.proposalBody)
        #expect(matcher.bestMatch(for: copy, at: AnalysisSamples.at(hours: 1), in: [original]) == 0)
    }

    @Test func differentEventAboutTheSameTopicStartsANewStory() {
        let other = shingles("Israel votes down the Cairo plan", AnalysisSamples.rejectionBody)
        let unrelated = shingles("Hospitals cut services as fuel runs short", AnalysisSamples.unrelatedBody)
        #expect(matcher.bestMatch(for: other, at: AnalysisSamples.at(hours: 3), in: [original]) == nil)
        #expect(matcher.bestMatch(for: unrelated, at: AnalysisSamples.at(hours: 3), in: [original]) == nil)
    }

    @Test func storiesOutsideTheWindowStopMatchingAndArePruned() {
        let copy = shingles("Mediators unveil a three-stage truce plan", AnalysisSamples.proposalBody)
        let later = AnalysisSamples.at(hours: 73)
        #expect(matcher.bestMatch(for: copy, at: later, in: [original]) == nil)
        var stories = [original, story("Later item", AnalysisSamples.rejectionBody, at: AnalysisSamples.at(hours: 48))]
        matcher.prune(&stories, at: later)
        #expect(stories.map(\.title) == ["Later item"])
    }

    @Test func sketchKeepsTheSmallestHashesAndStillMatchesLongCopies() {
        let small = StoryMatcher(sketchSize: 16)
        let body = AnalysisSamples.proposalBody + " " + AnalysisSamples.proposalTrailer
        let full = shingles("Mediators unveil a three-stage truce plan", body)
        let sketch = small.sketch(full)
        #expect(sketch == Array(full.prefix(16)))
        let similarity = small.similarity(of: shingles("Plan unveiled", body), to: sketch)
        #expect(small.isSameStory(similarity))
    }

    @Test func insertKeepsOrderAndCapsTheNumberOfStories() {
        let capped = StoryMatcher(maximumStories: 2)
        var stories: [StoryState] = []
        for hour in [5.0, 1.0, 3.0] {
            var next = story("h\(Int(hour))", AnalysisSamples.proposalBody, at: AnalysisSamples.at(hours: hour))
            next.id = "h\(Int(hour))"
            capped.insert(next, into: &stories)
        }
        #expect(stories.map(\.id) == ["h3", "h5"])
    }
}
