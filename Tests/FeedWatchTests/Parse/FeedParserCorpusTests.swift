import Foundation
import Testing

@testable import FeedWatch

@Suite("FeedParser: real-world corpus")
struct FeedParserCorpusTests {
    /// Corpus files feedwatch is expected to refuse, with the reason.
    ///
    /// - `atom_entry_1.xml`: a standalone Atom entry document (root `<entry>`), not a feed.
    private static let expectedFailures: [String: ParseError.Code] = [
        "atom_entry_1.xml": .unknownFormat,
    ]

    private static var feedRSFixtures: URL? {
        ParseFixture.corpusDirectory?.appending(path: "feed-rs/fixture")
    }

    @Test(.enabled(if: feedRSFixtures != nil, "the shared corpus is not present"))
    func parsesEveryFeedRSFixture() throws {
        let root = try #require(Self.feedRSFixtures)
        var parsed = 0
        var failures: [String: ParseError.Code] = [:]
        for folder in ["rss0", "rss1", "rss2", "atom"] {
            let directory = root.appending(path: folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".xml") }
                .sorted()
            for name in names {
                let data = try Data(contentsOf: directory.appending(path: name))
                do {
                    let feed = try FeedParser().parse(data, url: "https://corpus.example/\(folder)/\(name)")
                    #expect(feed.title != nil || !feed.items.isEmpty, "\(name) yielded nothing")
                    parsed += 1
                } catch {
                    failures[name] = error.code
                }
            }
        }
        #expect(failures == Self.expectedFailures)
        #expect(parsed > 50)
    }
}
