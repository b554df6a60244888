import Foundation
import Testing

@testable import FeedWatchCore
@testable import FeedWatchParse

/// Every file of the shared real-world corpus (`../shared/corpus`: feed-rs and gofeed fixtures) and every fixture of
/// this project, through the parser: no crash, no hang, and the counts and key fields their expected outputs give.
///
/// The corpus ships each library's expected output as JSON in that library's model; this suite reads those files at
/// test time and maps their fields to feedwatch's (`entries`/`items` → items, `title` → title, a feed-rs entry's
/// alternate link and `published` → link and published). Where feedwatch deliberately differs, the file is listed
/// below with the reason.
@Suite("FeedParser: real-world corpus")
struct FeedParserCorpusTests {
    /// Corpus inputs that are not feeds at all, or are broken beyond recovery, with the error feedwatch reports.
    static let expectedFailures: [String: ParseError.Code] = [
        "feed-rs/fixture/atom/atom_entry_1.xml": .unknownFormat,
        "gofeed/testdata/parser/json/invalid/invalid.json": .malformedJSON,
        "gofeed/testdata/parser/universal/invalid.json": .malformedJSON,
        "gofeed/testdata/parser/universal/unknown_feed.xml": .unknownFormat,
        "gofeed/testdata/parser/universal/empty_feed.xml": .empty,
        "feed-rs/fixture/xml/xml_iso8859.xml": .unknownFormat,
        "feed-rs/fixture/xml/xml_sample_1.xml": .unknownFormat,
        "feed-rs/fixture/xml/xml_sample_2.xml": .unknownFormat,
    ]

    /// Files whose item count deliberately differs from the other library's expected output, with the reason.
    static let countDifferences: [String: String] = [:]

    /// Files whose feed title deliberately differs from the other library's expected output, with the reason.
    static let titleDifferences: [String: String] = [:]

    /// Files whose item links deliberately differ from the other library's expected output, with the reason.
    static let linkDifferences: [String: String] = [
        "feed-rs/fixture/rss0/rss_0.91_encoding_1.xml":
            "feed-rs lower-cases the host; feedwatch keeps links as written",
        "gofeed/testdata/parser/rss/rdf_item_links.xml":
            "several links: gofeed keeps the last, feedwatch the first",
        "gofeed/testdata/parser/rss/rss_channel_item_links.xml":
            "several links: gofeed keeps the last, feedwatch the first",
        "gofeed/testdata/translator/rss/feed_item_links_-_rss_channel_item_links.xml":
            "several links: gofeed keeps the last, feedwatch the first",
    ]

    /// One parsed corpus file and what its expected output says.
    struct Outcome: Sendable {
        var name: String
        var result: Result<ParsedFeed, ParseError>
        var seconds: Double
        var expectedItems: Int?
        var expectedTitle: String?
        var expectedFirstLink: String?
        var expectedFirstPublished: Date?
        /// Item titles as the expected output gives them (gofeed `title`, feed-rs `title.content`), in order.
        var expectedItemTitles: [String?] = []
        /// Item links as gofeed's expected output gives them, in order.
        var expectedItemLinks: [String?] = []
    }

    /// Every corpus file parsed once, shared by the tests below; empty when the corpus is absent.
    static let outcomes: [Outcome] = {
        guard let root = ParseFixture.corpusDirectory else {
            return []
        }
        return corpusInputs(under: root).map { input, expected in
            outcome(of: input, named: String(input.path.dropFirst(root.path.count + 1)), expected: expected)
        }
    }()

    static var corpusIsPresent: Bool {
        ParseFixture.corpusDirectory != nil
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func parsesEveryCorpusFileOrReportsTheExpectedError() {
        var failures: [String: ParseError.Code] = [:]
        for outcome in Self.outcomes {
            if case .failure(let error) = outcome.result {
                failures[outcome.name] = error.code
            }
        }
        #expect(failures == Self.expectedFailures)
        #expect(Self.outcomes.count > 600, "the corpus holds over 600 feeds")
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func parsesEveryCorpusFileQuickly() {
        let slow = Self.outcomes.filter { $0.seconds > 2 }.map(\.name)
        #expect(slow.isEmpty, "slow: \(slow)")
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func itemCountsMatchTheExpectedOutputs() {
        var mismatches: [String] = []
        var compared = 0
        for outcome in Self.outcomes where Self.countDifferences[outcome.name] == nil {
            guard let expected = outcome.expectedItems, case .success(let feed) = outcome.result else {
                continue
            }
            compared += 1
            if feed.items.count != expected {
                mismatches.append("\(outcome.name): \(feed.items.count) items, expected \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(compared > 400)
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func feedTitlesMatchTheExpectedOutputs() {
        var mismatches: [String] = []
        var compared = 0
        for outcome in Self.outcomes where Self.titleDifferences[outcome.name] == nil {
            guard let expected = outcome.expectedTitle, case .success(let feed) = outcome.result else {
                continue
            }
            compared += 1
            // feedwatch reads RSS titles as HTML and reduces them to text where gofeed keeps the markup, so the
            // expected title also counts when it reduces (once or, for escaped markup, twice) to feedwatch's.
            let reduced = HTMLText.plainText(expected)
            let accepted = [expected, reduced, HTMLText.plainText(reduced)]
            if !accepted.contains(feed.title ?? "") && !accepted.contains(feed.titleDetail?.value ?? "") {
                mismatches.append("\(outcome.name): \(feed.title ?? "nil") ≠ \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(compared > 100)
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func itemTitlesMatchTheExpectedOutputs() {
        var mismatches: [String] = []
        var compared = 0
        for outcome in Self.outcomes {
            guard case .success(let feed) = outcome.result, feed.items.count == outcome.expectedItemTitles.count else {
                continue
            }
            for (item, expected) in zip(feed.items, outcome.expectedItemTitles) {
                guard let expected, !expected.isEmpty else {
                    continue
                }
                compared += 1
                let reduced = HTMLText.plainText(expected)
                let accepted = [expected, reduced, HTMLText.plainText(reduced)]
                if !accepted.contains(item.title ?? "") && !accepted.contains(item.titleDetail?.value ?? "") {
                    mismatches.append("\(outcome.name): \(item.title ?? "nil") ≠ \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(compared > 100)
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func itemLinksMatchGofeed() {
        var mismatches: [String] = []
        var compared = 0
        for outcome in Self.outcomes {
            guard case .success(let feed) = outcome.result, feed.items.count == outcome.expectedItemLinks.count,
                Self.linkDifferences[outcome.name] == nil
            else {
                continue
            }
            for (item, expected) in zip(feed.items, outcome.expectedItemLinks) {
                guard let expected, !expected.isEmpty else {
                    continue
                }
                compared += 1
                if item.link != expected {
                    mismatches.append("\(outcome.name): \(item.link ?? "nil") ≠ \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(compared >= 10)
    }

    @Test(.enabled(if: corpusIsPresent, "the shared corpus is not present"))
    func firstItemLinksAndDatesMatchFeedRS() {
        var mismatches: [String] = []
        for outcome in Self.outcomes {
            guard case .success(let feed) = outcome.result, let first = feed.items.first else {
                continue
            }
            if let link = outcome.expectedFirstLink, first.link != link, Self.linkDifferences[outcome.name] == nil {
                mismatches.append("\(outcome.name): link \(first.link ?? "nil") ≠ \(link)")
            }
            if let published = outcome.expectedFirstPublished, first.published != published {
                mismatches.append("\(outcome.name): published \(String(describing: first.published)) ≠ \(published)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test(arguments: [
        ("rss2-ceasefire.xml", ParsedFeed.Format.rss, 2),
        ("atom-ceasefire.xml", .atom, 3),
        ("rdf-ceasefire.xml", .rdf, 1),
        ("malformed.xml", .rss, 1),
    ])
    func parsesEveryProjectFeedFixture(name: String, format: ParsedFeed.Format, items: Int) throws {
        let feed = try ParseFixture.parse(name)
        #expect(feed.format == format)
        #expect(feed.items.count == items)
        #expect(feed.title != nil)
    }

    @Test(arguments: [
        ("billion-laughs.xml", ParseError.Code.forbiddenEntity),
        ("xxe.xml", .forbiddenEntity),
        ("not-a-feed.html", .unknownFormat),
    ])
    func refusesEveryHostileProjectFixture(name: String, code: ParseError.Code) throws {
        #expect(ParseFixture.error(parsing: try ParseFixture.data(name))?.code == code)
    }

    @Test func parsesEveryFuzzRegressionInputWithoutCrashing() throws {
        let resources = try #require(Bundle.module.resourceURL).appending(path: "Fixtures/fuzz")
        let names = try FileManager.default.contentsOfDirectory(atPath: resources.path)
        #expect(!names.isEmpty)
        for name in names {
            _ = try? FeedParser().parse(Data(contentsOf: resources.appending(path: name)), url: nil)
        }
    }

    // MARK: - Reading the corpus

    /// Pairs every input with its expected-output file, when it has one.
    private static func corpusInputs(under root: URL) -> [(URL, URL?)] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        let files = walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "xml" || $0.pathExtension == "json" }
        let paths = Set(files.map(\.path))
        var pairs: [(URL, URL?)] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let path = file.path
            let stem = String(path.dropLast(file.pathExtension.count + 1))
            if path.hasSuffix(".serde.json") || path.hasSuffix("_expected.json") {
                continue
            }
            if file.pathExtension == "json", paths.contains(stem + ".xml") {
                continue
            }
            let candidates = [
                stem + ".serde.json", stem + "_expected.json", file.pathExtension == "xml" ? stem + ".json" : "",
            ]
            let expected = candidates.first { paths.contains($0) }.map { URL(fileURLWithPath: $0) }
            pairs.append((file, expected))
        }
        return pairs
    }

    private static func outcome(of input: URL, named name: String, expected: URL?) -> Outcome {
        let data = (try? Data(contentsOf: input)) ?? Data()
        let clock = ContinuousClock()
        let start = clock.now
        let result: Result<ParsedFeed, ParseError>
        do {
            // No document URL, as the other libraries had none: relative links stay as written.
            result = .success(try FeedParser().parse(data, url: nil))
        } catch {
            result = .failure(error)
        }
        let elapsed = clock.now - start
        var outcome = Outcome(
            name: name,
            result: result,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
        guard let expected, let json = try? JSONSerialization.jsonObject(with: Data(contentsOf: expected)),
            let object = json as? [String: Any]
        else {
            return outcome
        }
        let entries = (object["entries"] ?? object["items"]) as? [[String: Any]]
        outcome.expectedItems = entries?.count
        if name.hasPrefix("gofeed/") {
            outcome.expectedItemLinks = (entries ?? []).map { ($0["link"] as? String)?.trimmedASCIIWhitespace }
        }
        outcome.expectedItemTitles = (entries ?? []).map { entry in
            if let title = entry["title"] as? String {
                return HTMLText.collapsingWhitespace(title)
            }
            return ((entry["title"] as? [String: Any])?["content"] as? String).map(HTMLText.collapsingWhitespace)
        }
        if let title = object["title"] as? String {
            outcome.expectedTitle = HTMLText.collapsingWhitespace(title)
        } else if let title = object["title"] as? [String: Any], let content = title["content"] as? String {
            outcome.expectedTitle = HTMLText.collapsingWhitespace(content)
        }
        if name.hasPrefix("feed-rs/"), let first = entries?.first {
            let links = first["links"] as? [[String: Any]] ?? []
            outcome.expectedFirstLink =
                links.first { ($0["rel"] as? String ?? "alternate") == "alternate" }?["href"] as? String
            outcome.expectedFirstPublished = (first["published"] as? String).flatMap(FeedDate.parse)
        }
        return outcome
    }
}
