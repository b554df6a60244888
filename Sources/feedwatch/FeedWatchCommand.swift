public import ArgumentParser
import FeedWatchAlerts
import FeedWatchConfig
import FeedWatchCore
import FeedWatchDaemon
import FeedWatchObservability
import FeedWatchParse
import FeedWatchStore
import FeedWatchViews
import Foundation
public import Logging

/// The `feedwatch` command line: a thin layer over the FeedWatch library.
@main
struct FeedWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watch news feeds and alert when a tracked topic changes.",
        version: "0.1.0",
        subcommands: [
            Run.self, CheckConfig.self, Feeds.self, Topics.self, Alerts.self, Query.self, Parse.self, Analyze.self,
            Replay.self, Migrate.self,
        ]
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
        let logger = bootstrapLogging(level: logLevel)
        do {
            return (try FeedWatchConfiguration.load(contentsOf: config), logger)
        } catch {
            fail(error)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension Alert.Kind: ExpressibleByArgument {}

/// Sends logs to standard error in logfmt, from `level` up, and returns the root logger.
func bootstrapLogging(level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = LogfmtLogHandler(label: label)
        handler.logLevel = level
        return handler
    }
    return Logger(label: "feedwatch")
}

/// Prints an error the way users read it and exits 1.
func fail(_ error: any Error) -> Never {
    FileHandle.standardError.write(Data("feedwatch: error: \(error)\n".utf8))
    Foundation.exit(1)
}

extension FeedWatchCommand {
    /// `feedwatch run`: the daemon.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll the configured feeds and deliver alerts until SIGTERM or SIGINT.",
            discussion: """
                With --once, the exit status says how the run went, with a one-line summary on standard error \
                when it is not 0:
                  0  the feeds were polled and no delivery is failing
                  1  the configuration or the database cannot be used (the error says which)
                  2  every feed polled failed (`feedwatch feeds list` shows why)
                  3  a delivery failed and waits for a retry (`feedwatch alerts list --pending`)
                 64  the command line is wrong
                Alerts held for a topic's digest or cooldown are not a failure; the next run sends them when due.
                """
        )

        @OptionGroup var options: ConfigOptions

        @Flag(help: "Run one poll cycle over every feed, deliver its alerts, and exit.")
        var once = false

        func run() async throws {
            let (configuration, logger) = try options.load()
            let app: FeedWatchApplication
            let lock: SQLiteInstanceLock?
            do {
                lock = try FeedWatchApplication.lockDatabase(configuration)
                app = try await FeedWatchApplication(configuration: configuration, logger: logger)
            } catch {
                fail(error)
            }
            // Held until the process ends, whichever way it ends.
            defer { withExtendedLifetime(lock) {} }
            if once {
                let report: RunOnceReport
                do {
                    report = try await app.runOnceReporting()
                } catch {
                    fail(error)
                }
                guard report.verdict == .ok else {
                    FileHandle.standardError.write(Data("feedwatch: \(report.summary)\n".utf8))
                    throw ExitCode(report.verdict.rawValue)
                }
                logger.info("run --once done", metadata: ["summary": "\(report.summary)"])
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
            abstract: "Inspect, import and export the watched feeds.",
            subcommands: [List.self, Import.self, Export.self]
        )

        /// `feedwatch feeds import FILE.opml`.
        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add the feeds of an OPML subscription list to the configuration file.",
                discussion: "Folders become tags. Feeds already configured are skipped. Send SIGHUP to a running "
                    + "daemon (systemctl reload-or-restart feedwatch) to start polling them."
            )

            @Argument(help: "The OPML file exported by a feed reader.")
            var file: String

            @OptionGroup var options: ConfigOptions

            @Flag(help: "Show what would be added without changing the configuration file.")
            var dryRun = false

            func run() async throws {
                do {
                    let report = try OPMLImport.run(opmlPath: file, configPath: options.config, dryRun: dryRun)
                    for feed in report.added {
                        print("\(dryRun ? "would add" : "added")\t\(feed.url)\t\(feed.tags.joined(separator: ","))")
                    }
                    print(
                        "\(report.added.count) feeds \(dryRun ? "to add" : "added") to \(options.config), "
                            + "\(report.alreadyPresent) already present"
                            + (report.refused.isEmpty
                                ? ""
                                : "; \(report.refused.count) refused (only http and https feeds are imported)")
                    )
                } catch {
                    fail(error)
                }
            }
        }

        /// `feedwatch feeds export`.
        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the configured feeds as an OPML 2.0 subscription list (tags become folders)."
            )

            @OptionGroup var options: ConfigOptions

            func run() async throws {
                let (configuration, _) = try options.load()
                print(FeedConfiguration.opml(configuration.feeds), terminator: "")
            }
        }

        /// `feedwatch feeds list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show each configured feed (before its first poll too): state (new, ok, backing off, "
                    + "failing, retired), last status, last poll, last new item, next poll, validators, name, URL and "
                    + "last error (with a header row on a terminal)."
            )

            @OptionGroup var options: ConfigOptions

            @Flag(help: "Print each feed as one JSON object per line instead.")
            var json = false

            func run() async throws {
                let (configuration, logger) = try options.load()
                do {
                    let store = try await FeedWatchApplication.openExistingStore(configuration, logger: logger)
                    let feeds = FeedSummary.list(configured: configuration.feeds, stored: try await store.feeds())
                    if json {
                        for feed in feeds { print(try ViewJSON.string(feed)) }
                    } else {
                        print(FeedText.list(feeds, style: .standardOutput()), terminator: "")
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
            abstract: "Inspect raised alerts and their deliveries; re-send dead ones.",
            subcommands: [List.self, Show.self, Retry.self]
        )

        /// `feedwatch alerts list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show the latest alerts, one line each: id, kind, topic, event time, each sink's state and "
                    + "the summary (with a header row on a terminal)."
            )

            @OptionGroup var options: ConfigOptions

            @Flag(help: "Only alerts with a delivery still pending.")
            var pending = false

            @Flag(help: "Only alerts with a dead delivery (given up on).")
            var dead = false

            @Option(help: "Only this topic's alerts ('feeds' for feed health).")
            var topic: String?

            @Option(help: "Only alerts of this kind: \(Alert.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            var kind: Alert.Kind?

            @Option(help: "Only alerts from this event time on: 2026-03-01 or 2026-03-01T08:00:00Z.")
            var since: String?

            @Flag(help: "Print each alert as its JSON payload instead.")
            var json = false

            @Option(help: "How many alerts to show.")
            var limit = 50

            func run() async throws {
                let (configuration, logger) = try options.load()
                let state: DeliveryState? = dead ? .dead : pending ? .pending : nil
                do {
                    let since = try since.map { try ReplayDate.parse($0, endOfDay: false) }
                    let records: [AlertRecord]
                    if state == nil {
                        let store = try await FeedWatchApplication.openViewStore(configuration, logger: logger)
                        let query = AlertQuery(
                            topic: topic,
                            kinds: kind.map { [$0] } ?? [],
                            since: since,
                            limit: limit,
                            withDeliveries: true
                        )
                        records = try await store.alerts(matching: query).records
                    } else {
                        // Delivery-state filters read the outbox, then narrow by topic, kind and time.
                        let store = try await FeedWatchApplication.openExistingStore(configuration, logger: logger)
                        records = try await store.alerts(withDeliveriesIn: state, limit: limit).filter { record in
                            (topic == nil || record.alert.topic == topic) && (kind == nil || record.alert.kind == kind)
                                && (since.map { record.alert.at >= $0 } ?? true)
                        }
                    }
                    if json {
                        for record in records {
                            print(String(decoding: AlertPayload.json(record.alert), as: UTF8.self))
                        }
                    } else {
                        print(TopicText.alerts(records.map(AlertBrief.init), style: .standardOutput()), terminator: "")
                    }
                } catch {
                    fail(error)
                }
            }
        }

        /// `feedwatch alerts show ID`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show one alert's payload and its delivery to each sink."
            )

            @Argument(help: "The alert's id.")
            var id: String

            @OptionGroup var options: ConfigOptions

            func run() async throws {
                let (configuration, logger) = try options.load()
                do {
                    let store = try await FeedWatchApplication.openExistingStore(configuration, logger: logger)
                    guard let record = try await store.alert(id: id) else {
                        fail(CommandError("no alert has the id \(id); `feedwatch alerts list` shows the ids"))
                    }
                    // Feed text and receivers' answers are hostile: nothing printed may drive the terminal.
                    print(
                        LogfmtLogHandler.terminalSafe(
                            json: String(decoding: AlertPayload.json(record.alert), as: UTF8.self)
                        )
                    )
                    for delivery in record.deliveries {
                        var line = "\(delivery.sink)\t\(delivery.state.rawValue)\tattempts=\(delivery.attempts)"
                        if let at = delivery.deliveredAt { line += "\tdelivered=\(at.formatted(.iso8601))" }
                        if delivery.state == .pending, let next = delivery.nextAttemptAt {
                            line += "\tnext=\(next.formatted(.iso8601))"
                        }
                        if let error = delivery.lastError { line += "\terror=\(LogfmtLogHandler.quote(error))" }
                        print(line)
                    }
                } catch {
                    fail(error)
                }
            }
        }

        /// `feedwatch alerts retry ID|--dead`.
        struct Retry: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make an alert's undelivered deliveries (or every dead one) due again.",
                discussion: "A running daemon sends them within a second; otherwise at its next start."
            )

            @Argument(help: "The alert's id.")
            var id: String?

            @Flag(help: "Requeue every dead delivery.")
            var dead = false

            @OptionGroup var options: ConfigOptions

            func validate() throws {
                guard (id == nil) != !dead else {
                    throw ValidationError("give either an alert id or --dead")
                }
            }

            func run() async throws {
                let (configuration, logger) = try options.load()
                do {
                    let store = try await FeedWatchApplication.openExistingStore(configuration, logger: logger)
                    let count =
                        if let id {
                            try await store.requeue(alertID: id, now: Date())
                        } else {
                            try await store.requeueDead(now: Date())
                        }
                    print("\(count) deliveries requeued")
                } catch {
                    fail(error)
                }
            }
        }
    }
}

/// An error of the command line itself, printed as is.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
