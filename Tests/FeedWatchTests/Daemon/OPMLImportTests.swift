import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchDaemon
@testable import FeedWatchParse

@Suite("OPML: import into the configuration file, and export")
struct OPMLImportTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func readsFeedsWithFoldersAndCategoriesAsTags() throws {
        let feeds = try OPMLReader.feeds(in: try Fixture.data("opml/subscriptions.opml"), url: "subscriptions.opml")
        #expect(
            feeds == [
                OPMLFeed(url: "https://harbor-wire.example/rss.xml", title: "Harbor Wire", tags: ["World"]),
                OPMLFeed(
                    url: "https://lakeside.example/atom.xml",
                    title: "Lakeside Ledger",
                    tags: ["World", "Middle East", "wire", "daily"]
                ),
                OPMLFeed(url: "https://courier.example/rdf", title: "https://courier.example/rdf", tags: []),
            ]
        )
    }

    @Test func notOPMLIsAClearError() throws {
        let error = #expect(throws: ParseError.self) {
            try OPMLReader.feeds(in: Data("<rss version=\"2.0\"/>".utf8), url: "feeds.opml")
        }
        #expect(error?.code == .unknownFormat)
        #expect(error?.description.contains("feeds.opml") == true)
    }

    @Test func importAddsNewFeedsKeepsCommentsAndSkipsKnownOnes() throws {
        let config = try directory.write(
            """
            # my feedwatch
            database: feedwatch.sqlite
            feeds:
              # the wire first
              - url: https://harbor-wire.example/rss.xml
                name: Harbor Wire
            topics:
              - id: ceasefire
                match: ceasefire
            """,
            to: "config.yml"
        )
        let report = try OPMLImport.run(opmlPath: Fixture.path("opml/subscriptions.opml"), configPath: config)
        #expect(report.added.map(\.url) == ["https://lakeside.example/atom.xml", "https://courier.example/rdf"])
        #expect(report.alreadyPresent == 1)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.hasPrefix("# my feedwatch\n"))
        #expect(text.contains("  # the wire first\n"))
        let loaded = try FeedWatchConfiguration.load(contentsOf: config)
        #expect(
            loaded.feeds.map(\.url) == [
                "https://harbor-wire.example/rss.xml", "https://lakeside.example/atom.xml",
                "https://courier.example/rdf",
            ]
        )
        #expect(loaded.feeds[1].tags == ["World", "Middle East", "wire", "daily"])
        #expect(loaded.topics.map(\.id) == ["ceasefire"])
        let again = try OPMLImport.run(opmlPath: Fixture.path("opml/subscriptions.opml"), configPath: config)
        #expect(again.added.isEmpty)
        #expect(again.alreadyPresent == 3)
    }

    @Test func importKeepsTheConfigurationFilesMode() throws {
        let config = try directory.write("database: feedwatch.sqlite\nfeeds: []\n", to: "private.yml")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config)
        _ = try OPMLImport.run(opmlPath: Fixture.path("opml/subscriptions.opml"), configPath: config)
        let mode = try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try FeedWatchConfiguration.load(contentsOf: config).feeds.count == 3)
    }

    @Test func onlyWebFeedsAreImported() throws {
        let opml = try directory.write(
            """
            <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="web" type="rss" xmlUrl="https://web.example/rss"/>
            <outline text="local" type="rss" xmlUrl="file:///etc/passwd"/>
            </body></opml>
            """,
            to: "mixed.opml"
        )
        let config = try directory.write("feeds: []\n", to: "mixed.yml")
        let report = try OPMLImport.run(opmlPath: opml, configPath: config)
        #expect(report.added.map(\.url) == ["https://web.example/rss"])
        #expect(report.refused == ["file:///etc/passwd"])
        #expect(try FeedWatchConfiguration.load(contentsOf: config).feeds.map(\.url) == ["https://web.example/rss"])
    }

    @Test func importIntoAnEmptyFeedListAndDryRun() throws {
        let config = try directory.write("feeds: []\nsinks: []\n", to: "config.yml")
        let dry = try OPMLImport.run(
            opmlPath: Fixture.path("opml/subscriptions.opml"),
            configPath: config,
            dryRun: true
        )
        #expect(dry.added.count == 3)
        #expect(try String(contentsOfFile: config, encoding: .utf8) == "feeds: []\nsinks: []\n")
        _ = try OPMLImport.run(opmlPath: Fixture.path("opml/subscriptions.opml"), configPath: config)
        #expect(try FeedWatchConfiguration.load(contentsOf: config).feeds.count == 3)
    }

    @Test func importThenExportGivesTheSameFeeds() throws {
        let config = try directory.write("sinks: []\n", to: "config.yml")
        _ = try OPMLImport.run(opmlPath: Fixture.path("opml/subscriptions.opml"), configPath: config)
        let imported = try FeedWatchConfiguration.load(contentsOf: config).feeds
        let exported = FeedConfiguration.opml(imported)
        let reread = try OPMLReader.feeds(in: Data(exported.utf8), url: "export.opml")
        let original = try OPMLReader.feeds(in: try Fixture.data("opml/subscriptions.opml"), url: nil)
        #expect(reread == original)
    }
}
