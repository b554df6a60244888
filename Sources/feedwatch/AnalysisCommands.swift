import ArgumentParser
import FeedWatchAlerts
import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import FeedWatchDaemon
import FeedWatchParse
import FeedWatchStore
import Foundation

extension FeedWatchCommand {
    /// `feedwatch analyze FILE...`: each item's analysis as JSON lines.
    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each item of the given feed files as analyzed, one JSON object per line.",
            discussion: "With --config, the configuration's topics are matched too. An item that copies an earlier "
                + "item's text (in event-time order) names it with duplicate_of; one that revises it (a new lead or "
                + "substantially more text) with update_of."
        )

        @Option(name: [.short, .long], help: "A configuration file whose topics are matched.")
        var config: String?

        @Argument(help: "RSS, Atom or RDF files.")
        var files: [String]

        func run() async throws {
            do {
                let topics = try config.map { try FeedWatchConfiguration.load(contentsOf: $0).topics } ?? []
                let analyzer = try Analyzer(topics: topics)
                let now = Date()
                let analyzed = try FeedFiles.read(files, firstSeen: now).map {
                    analyzer.analyze($0.item, feed: $0.feed, firstSeen: $0.firstSeen)
                }
                for line in analyzer.analysisLines(of: analyzed) {
                    print(line.json())
                }
            } catch {
                fail(error)
            }
        }
    }

    /// `feedwatch replay --config FILE [--from DATE] [--to DATE] [FEED FILE...]`.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the configured topics over stored items (or the given feed files) in event-time order "
                + "and print the alerts that would have fired as JSON lines; nothing is delivered or stored."
        )

        @OptionGroup var options: ConfigOptions

        @Option(help: "The earliest event time replayed: 2026-03-01 or 2026-03-01T08:00:00Z.")
        var from: String?

        @Option(help: "The latest event time replayed: 2026-03-04 or 2026-03-04T23:59:59Z.")
        var to: String?

        @Flag(help: "Also print, for each item and topic, the story it joined, as JSON lines without a 'kind'.")
        var placements = false

        @Argument(help: "Feed files to replay instead of the stored items.")
        var files: [String] = []

        func run() async throws {
            let (configuration, logger) = try options.load()
            do {
                let from = try from.map { try ReplayDate.parse($0, endOfDay: false) }
                let to = try to.map { try ReplayDate.parse($0, endOfDay: true) }
                let analyzer = try Analyzer(topics: configuration.topics)
                let items =
                    files.isEmpty
                    ? try await FeedWatchApplication.openExistingStore(configuration, logger: logger).items(
                        from: from,
                        to: to
                    )
                    : try FeedFiles.read(files, firstSeen: Date())
                let result = FeedWatchDaemon.Replay(analyzer: analyzer).run(items, from: from, to: to)
                for alert in result.alerts {
                    print(String(decoding: AlertPayload.json(alert), as: UTF8.self))
                }
                if placements {
                    for placement in result.placements {
                        print(try JSONLine.string(placement))
                    }
                }
            } catch {
                fail(error)
            }
        }
    }
}

/// Parses `--from` and `--to` dates.
enum ReplayDate {
    /// A date from `YYYY-MM-DD` (the day's start, or its last second with `endOfDay`) or RFC 3339.
    static func parse(_ text: String, endOfDay: Bool) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) {
            return date
        }
        if let day = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) {
            return endOfDay ? day.addingTimeInterval(86_399) : day
        }
        throw ValidationError("'\(text)' is not a date; use 2026-03-01 or 2026-03-01T08:00:00Z")
    }
}
