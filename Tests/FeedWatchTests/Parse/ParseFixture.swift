import Foundation
import Testing

@testable import FeedWatchParse

/// Loads the parser's test feeds from `Fixtures/feeds/` and finds the shared real-world corpus.
enum ParseFixture {
    /// The bytes of a fixture feed.
    static func data(_ name: String) throws -> Data {
        let resources = try #require(Bundle.module.resourceURL)
        return try Data(contentsOf: resources.appending(path: "Fixtures/feeds/\(name)"))
    }

    /// Parses a fixture feed with default limits, as if fetched from `url`.
    static func parse(_ name: String, url: String = "https://news.example.org/feed.xml") throws -> ParsedFeed {
        try FeedParser().parse(data(name), url: url)
    }

    /// Parses bytes and returns the error, or `nil` when parsing succeeded.
    static func error(
        parsing data: Data,
        url: String? = "https://news.example.org/feed.xml",
        limits: ParseLimits = ParseLimits()
    ) -> ParseError? {
        do {
            _ = try FeedParser(limits: limits).parse(data, url: url)
            return nil
        } catch {
            return error
        }
    }

    /// The shared feed corpus (`shared/corpus`), found by walking up from this file; `nil` when absent.
    static let corpusDirectory: URL? = {
        var directory = URL(filePath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appending(path: "shared/corpus")
            if FileManager.default.fileExists(atPath: candidate.appending(path: "feed-rs/fixture").path) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()
}
