import Foundation
import Testing

@testable import FeedWatchAnalysis

/// The public evaluations of `make eval`, run only when `FEEDWATCH_EVAL_DATA` names the folder that
/// `Scripts/eval.sh` fills from PyPI at run time (nothing of it is committed): `lee/` from the gensim 4.4.0 wheel
/// and `hutto/` from the vaderSentiment 3.3.2 source archive.
@Suite(
    "Evaluation on public data (make eval)",
    .enabled(if: ProcessInfo.processInfo.environment["FEEDWATCH_EVAL_DATA"] != nil)
)
struct AnalysisEvaluationTests {
    let data = ProcessInfo.processInfo.environment["FEEDWATCH_EVAL_DATA"] ?? ""

    private func lines(_ path: String) throws -> [String] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(data)/\(path)"))
        let text = String(data: bytes, encoding: .utf8) ?? String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    @Test func leeDocumentSimilarityCorrelatesWithHumanRatings() throws {
        let documents = try lines("lee/lee.cor")
        let ratings = try lines("lee/similarities0-1.txt").map { $0.split(separator: "\t").compactMap { Double($0) } }
        try #require(documents.count == 50 && ratings.count == 50)
        var model = TfIdfModel(keepsBackground: true)
        for document in try lines("lee/lee_background.cor") {
            model.add(TextNormalizer.terms(document))
        }
        let plain = documents.map { model.vector(TextNormalizer.terms($0)) }
        let expanded = documents.map { model.expanded(TextNormalizer.terms($0)) }
        var human: [Double] = []
        var plainScores: [Double] = []
        var expandedScores: [Double] = []
        for first in 0..<50 {
            for second in (first + 1)..<50 {
                human.append(ratings[first][second])
                plainScores.append(TfIdfModel.cosine(plain[first], plain[second]))
                expandedScores.append(TfIdfModel.cosine(expanded[first], expanded[second]))
            }
        }
        let plainR = Statistics.pearson(plainScores, human)
        let expandedR = Statistics.pearson(expandedScores, human)
        print(
            "eval similarity: Lee et al. (2005), 1225 pairs: Pearson r = \(Statistics.format(expandedR)) "
                + "(tf-idf cosine expanded by 20 background neighbours; plain tf-idf cosine r = "
                + "\(Statistics.format(plainR))); goal >= 0.60"
        )
        #expect(expandedR >= 0.60)
    }

    @Test func nytEditorialToneCorrelatesWithHumanRatings() throws {
        var scores: [Double] = []
        var human: [Double] = []
        for line in try lines("hutto/hutto_ICWSM_2014/nytEditorialSnippets_GroundTruth.txt") {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let rating = Double(fields[1]) else {
                continue
            }
            human.append(rating)
            scores.append(ToneScorer.compound(String(fields[2])))
        }
        let r = Statistics.pearson(scores, human)
        print(
            "eval tone: NYT editorial snippets (Hutto & Gilbert 2014), \(human.count) sentences: Pearson r = "
                + "\(Statistics.format(r)); goal >= 0.50"
        )
        #expect(human.count > 5_000)
        #expect(r >= 0.50)
    }

    @Test func wireCopyEditsOfLeeDocumentsAreNearDuplicates() throws {
        let documents = try lines("lee/lee.cor")
        let matcher = StoryMatcher()
        let originals = documents.map(WireCopy.init)
        var copies: [(source: Int, copy: WireCopy)] = []
        for (index, original) in originals.enumerated() {
            let donor = originals[(index + 1) % originals.count]
            for edit in WireCopy.Edit.allCases {
                copies.append((index, original.edited(edit, donorHeadline: donor.headline)))
            }
        }
        let sketches = originals.map { matcher.sketch(StoryMatcher.shingles($0.tokens)) }
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        func judge(_ copy: WireCopy, against story: Int, expected: Bool) {
            let similarity = matcher.similarity(of: StoryMatcher.shingles(copy.tokens), to: sketches[story])
            let same = matcher.isSameStory(similarity)
            switch (same, expected) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): break
            }
        }
        for (source, copy) in copies {
            for story in originals.indices {
                judge(copy, against: story, expected: story == source)
            }
        }
        for (first, original) in originals.enumerated() {
            for second in originals.indices where second != first {
                judge(original, against: second, expected: false)
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print(
            "eval near-duplicates: \(copies.count) wire-copy edits of the 50 Lee documents against every document: "
                + "precision = \(Statistics.format(precision, digits: 4)), "
                + "recall = \(Statistics.format(recall, digits: 4)) "
                + "(\(falsePositives) false positives, \(falseNegatives) misses); goal precision >= 0.99, recall >= 0.95"
        )
        #expect(precision >= 0.99)
        #expect(recall >= 0.95)
    }
}

/// A Lee document as a wire story (a headline of its first ten words over the whole text), and the edits outlets
/// make to one: a headline of their own, a dateline, the last sentence (or last fifth) cut.
struct WireCopy {
    enum Edit: CaseIterable {
        case newHeadline, dateline, trimmedEnding, allThree
    }

    var headline: String
    var body: String

    init(_ document: String) {
        headline = document.split(separator: " ").prefix(10).joined(separator: " ")
        body = document
    }

    init(headline: String, body: String) {
        self.headline = headline
        self.body = body
    }

    var tokens: [String] {
        TextNormalizer.tokens(headline) + TextNormalizer.tokens(body)
    }

    func edited(_ edit: Edit, donorHeadline: String) -> WireCopy {
        let newHeadline = "Update: " + donorHeadline.split(separator: " ").prefix(6).joined(separator: " ")
        let dateline = "SYDNEY (Harbor Wire) - "
        switch edit {
        case .newHeadline: return WireCopy(headline: newHeadline, body: body)
        case .dateline: return WireCopy(headline: headline, body: dateline + body)
        case .trimmedEnding: return WireCopy(headline: headline, body: trimmed)
        case .allThree: return WireCopy(headline: newHeadline, body: dateline + trimmed)
        }
    }

    /// The body without its last sentence when it has three or more, else without its last fifth of words.
    var trimmed: String {
        let sentences = WireCopy.sentences(body)
        if sentences.count >= 3 {
            return sentences.dropLast().joined(separator: " ")
        }
        let words = body.split(separator: " ")
        return words.prefix(words.count * 4 / 5).joined(separator: " ")
    }

    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "." || character == "!" || character == "?" {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty {
            sentences.append(current.trimmingCharacters(in: .whitespaces))
        }
        return sentences
    }
}

/// Small statistics for the evaluations.
enum Statistics {
    static func pearson(_ first: [Double], _ second: [Double]) -> Double {
        let count = Double(first.count)
        let meanFirst = first.reduce(0, +) / count
        let meanSecond = second.reduce(0, +) / count
        var covariance = 0.0
        var varianceFirst = 0.0
        var varianceSecond = 0.0
        for (a, b) in zip(first, second) {
            covariance += (a - meanFirst) * (b - meanSecond)
            varianceFirst += (a - meanFirst) * (a - meanFirst)
            varianceSecond += (b - meanSecond) * (b - meanSecond)
        }
        return covariance / (varianceFirst * varianceSecond).squareRoot()
    }

    static func format(_ value: Double, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", value)
    }
}
