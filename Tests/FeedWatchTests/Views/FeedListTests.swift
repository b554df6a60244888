import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore
@testable import FeedWatchViews

/// `feedwatch feeds list`: every configured feed, before its first poll too, with its name; JSON with `--json`.
@Suite("feedwatch feeds list")
struct FeedListTests {
    @Test func configuredFeedsAreListedBeforeTheirFirstPollAndRemovedOnesAfterThem() {
        let polled = FeedRecord(
            id: 1,
            url: "https://example.org/moved.xml",
            name: "Old name",
            validators: ConditionalRequest(etag: "\"v1\""),
            nextPollAt: Date(timeIntervalSince1970: 2_000),
            lastPolledAt: Date(timeIntervalSince1970: 1_000),
            lastSuccessAt: Date(timeIntervalSince1970: 1_000),
            lastStatus: 200,
            configuredURL: "https://example.org/a.xml"
        )
        let removed = FeedRecord(id: 2, url: "https://example.org/gone.xml", lastStatus: 200)
        let summaries = FeedSummary.list(
            configured: [
                FeedConfiguration(url: "https://example.org/new.xml", name: "Newcomer", tags: ["wire"]),
                FeedConfiguration(url: "https://example.org/a.xml", name: "Agency"),
            ],
            stored: [polled, removed]
        )
        #expect(
            summaries.map(\.configuredURL) == [
                "https://example.org/new.xml", "https://example.org/a.xml", "https://example.org/gone.xml",
            ]
        )
        #expect(summaries.map(\.name) == ["Newcomer", "Agency", nil])
        #expect(summaries.map(\.state) == ["new", "ok", "removed from the configuration"])
        #expect(summaries.map(\.configured) == [true, true, false])
        #expect(summaries[0].lastPolledAt == nil && summaries[0].nextPollAt == nil && summaries[0].tags == ["wire"])
        #expect(summaries[1].url == "https://example.org/moved.xml")
        #expect(summaries[1].validators == ["etag"])
        #expect(summaries[1].nextPollAt == Date(timeIntervalSince1970: 2_000))
        #expect(summaries[2].nextPollAt == nil)
    }

    @Test func aFeedsErrorCannotBreakTheTableOrDriveTheTerminal() {
        var record = FeedRecord(id: 1, url: "https://example.org/a.xml", lastStatus: 500)
        record.lastError = "HTTP 500\tfrom\nserver\u{1B}[31m"
        record.consecutiveFailures = 1
        let text = FeedText.list(
            FeedSummary.list(configured: [FeedConfiguration(url: record.url)], stored: [record]),
            style: .plain
        )
        let columns = text.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(columns.count == 9)
        #expect(columns.last == "HTTP 500 from server [31m")
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func theBinaryListsConfiguredFeedsWithTheirNamesBeforeTheFirstPoll() throws {
        let directory = try TemporaryDirectory()
        _ = try SQLiteStore(path: directory.path + "/feedwatch.sqlite")
        let config = try directory.write(
            """
            feeds:
              - url: https://example.org/wire.xml
                name: The Wire
              - https://example.org/plain.xml
            """,
            to: "config.yml"
        )
        let text = try FeedWatchBinary.run(["feeds", "list", "--config", config])
        #expect(text.status == 0, "\(text.errors)")
        #expect(
            text.output == """
                new\t-\t-\t-\t-\tnone\tThe Wire\thttps://example.org/wire.xml\t-
                new\t-\t-\t-\t-\tnone\t-\thttps://example.org/plain.xml\t-

                """
        )

        let json = try FeedWatchBinary.run(["feeds", "list", "--json", "--config", config])
        #expect(json.status == 0)
        let objects = try json.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        #expect(objects.first?["name"] as? String == "The Wire")
        #expect(objects.first?["state"] as? String == "new")
        #expect(objects.first?["configured_url"] as? String == "https://example.org/wire.xml")
        #expect(objects.first?["configured"] as? Bool == true)
        #expect(objects.last?["name"] == nil)
    }
}
