public import ArgumentParser
import FeedWatch
import Foundation
public import Logging

/// The `feedwatch` command line: a thin layer over the FeedWatch library.
@main
struct FeedWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watch news feeds and alert when a tracked topic changes.",
        version: "0.1.0",
        subcommands: [Run.self, CheckConfig.self, Feeds.self, Alerts.self, Analyze.self, Replay.self]
    )
}

/// Options shared by the commands that read a configuration file.
struct ConfigOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "The configuration file.")
    var config: String = "/etc/feedwatch/config.yaml"

    @Option(help: "The least severe log level shown: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    /// Bootstraps logging to standard error and loads the configuration, or exits 1 with the error.
    func load() throws -> (FeedWatchConfiguration, Logger) {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "feedwatch")
        do {
            return (try FeedWatchConfiguration.load(contentsOf: config), logger)
        } catch {
            fail(error)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Prints an error the way users read it and exits 1.
func fail(_ error: any Error) -> Never {
    FileHandle.standardError.write(Data("feedwatch: error: \(error)\n".utf8))
    Foundation.exit(1)
}

extension FeedWatchCommand {
    /// `feedwatch run`: the daemon.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll the configured feeds and deliver alerts until SIGTERM or SIGINT."
        )

        @OptionGroup var options: ConfigOptions

        @Flag(help: "Run one poll cycle over every feed, deliver its alerts, and exit.")
        var once = false

        func run() async throws {
            let (configuration, logger) = try options.load()
            let app: FeedWatchApplication
            do {
                app = try FeedWatchApplication(configuration: configuration, logger: logger)
            } catch {
                fail(error)
            }
            if once {
                do {
                    try await app.runOnce()
                } catch {
                    fail(error)
                }
            } else {
                try await app.run()
            }
        }
    }

    /// `feedwatch check-config FILE`.
    struct CheckConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-config",
            abstract: "Validate a configuration file; exit 0 when it is valid, 1 with the error otherwise."
        )

        @Argument(help: "The configuration file.")
        var file: String

        func run() async throws {
            do {
                let configuration = try FeedWatchConfiguration.load(contentsOf: file)
                try FeedWatchApplication.check(configuration)
                print(
                    "\(file): OK (\(configuration.feeds.count) feeds, \(configuration.topics.count) topics, "
                        + "\(configuration.sinks.count) sinks)"
                )
            } catch {
                fail(error)
            }
        }
    }

    /// `feedwatch feeds …`.
    struct Feeds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect the watched feeds.",
            subcommands: [List.self]
        )

        /// `feedwatch feeds list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show each feed's state.")

            @OptionGroup var options: ConfigOptions

            func run() async throws {
                let (configuration, _) = try options.load()
                do {
                    let store = try SQLiteStore(path: configuration.database)
                    for feed in try store.feeds() {
                        let state = feed.lastError == nil ? (feed.lastSuccessAt == nil ? "new" : "ok") : "failing"
                        let validators = [
                            feed.validators.etag == nil ? nil : "etag",
                            feed.validators.lastModified == nil ? nil : "last-modified",
                        ].compactMap { $0 }
                        let next = feed.nextPollAt.map { $0.formatted(.iso8601) } ?? "-"
                        print(
                            "\(state)\t\(feed.lastStatus.map(String.init) ?? "-")\tnext=\(next)\t"
                                + "validators=\(validators.isEmpty ? "none" : validators.joined(separator: ","))\t"
                                + feed.url
                        )
                        if let error = feed.lastError { print("\t\(error)") }
                    }
                } catch {
                    fail(error)
                }
            }
        }
    }

    /// `feedwatch alerts …`.
    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect raised alerts.",
            subcommands: [List.self]
        )

        /// `feedwatch alerts list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show the latest alerts as JSON lines.")

            @OptionGroup var options: ConfigOptions

            @Option(help: "How many alerts to show.")
            var limit = 50

            func run() async throws {
                let (configuration, _) = try options.load()
                do {
                    let store = try SQLiteStore(path: configuration.database)
                    for alert in try store.alerts(limit: limit) {
                        print(String(decoding: AlertPayload.json(alert), as: UTF8.self))
                    }
                } catch {
                    fail(error)
                }
            }
        }
    }
}
