import ArgumentParser
import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import FeedWatchDaemon
import FeedWatchStore
import FeedWatchViews
import Foundation

extension FeedWatchCommand {
    /// `feedwatch topics …`.
    struct Topics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "See what feedwatch knows of each topic: status, history, stories, actors and coverage.",
            subcommands: [List.self, Show.self]
        )

        /// `feedwatch topics list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show each topic's status and since when, confidence, a change waiting for confirmation, "
                    + "stories in the last 7 days and last alert."
            )

            @OptionGroup var options: ConfigOptions

            @Flag(help: "Print each topic as one JSON object per line instead.")
            var json = false

            func run() async throws {
                let (configuration, logger) = try options.load()
                do {
                    let store = try await FeedWatchApplication.openViewStore(configuration, logger: logger)
                    let summaries = try await TopicViews(topics: configuration.topics, store: store).summaries()
                    if json {
                        for summary in summaries { print(try ViewJSON.string(summary)) }
                    } else {
                        print(TopicText.list(summaries, style: .standardOutput()), terminator: "")
                    }
                } catch {
                    fail(error)
                }
            }
        }

        /// `feedwatch topics show ID`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show one topic: its status history with cue sentences and sources, its stories with "
                    + "outlets and wire copies, its actors, and its coverage per day for the last 30 days."
            )

            @Argument(help: "The topic's id.")
            var id: String

            @OptionGroup var options: ConfigOptions

            @Flag(help: "Print the topic as one JSON object instead.")
            var json = false

            func run() async throws {
                let (configuration, logger) = try options.load()
                do {
                    let store = try await FeedWatchApplication.openViewStore(configuration, logger: logger)
                    guard let detail = try await TopicViews(topics: configuration.topics, store: store).detail(id: id)
                    else {
                        let known = configuration.topics.map(\.id).joined(separator: ", ")
                        fail(CommandError("no topic has the id \(id); the configured topics are: \(known)"))
                    }
                    print(json ? try ViewJSON.string(detail) : TopicText.show(detail, style: .standardOutput()))
                } catch {
                    fail(error)
                }
            }
        }
    }

    /// `feedwatch query 'EXPR' --config FILE [--since DATE] [--limit N]`.
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a topic query over the stored items and show what it matches and why, to try a query "
                + "before adding it to a topic.",
            discussion: "The query uses the topics' language: words, \"phrases\", prefix*, AND, OR, NOT, NEAR/n, "
                + "title: and entity:. Matched words are highlighted on a terminal and listed after each item."
        )

        @Argument(help: "The query, for example '(ceasefire OR truce) AND gaza'.")
        var expression: String

        @OptionGroup var options: ConfigOptions

        @Option(help: "Only items from this event time on: 2026-03-01 or 2026-03-01T08:00:00Z.")
        var since: String?

        @Option(help: "How many matches to show (the newest).")
        var limit = 20

        @Flag(help: "Print each match as one JSON object per line instead.")
        var json = false

        func run() async throws {
            let (configuration, logger) = try options.load()
            do {
                let query = try TopicQuery(expression)
                let since = try since.map { try ReplayDate.parse($0, endOfDay: false) }
                let store = try await FeedWatchApplication.openViewStore(configuration, logger: logger)
                let matches = try await StoredItemQuery.run(query, store: store, since: since, limit: limit)
                if json {
                    for match in matches { print(try ViewJSON.string(match)) }
                } else {
                    print(TopicText.query(matches, style: .standardOutput()), terminator: "")
                }
            } catch {
                fail(error)
            }
        }
    }
}
