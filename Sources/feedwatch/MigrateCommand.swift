import ArgumentParser
import FeedWatchConfig
import FeedWatchStore
import Foundation
import Logging

extension FeedWatchCommand {
    /// `feedwatch migrate --from sqlite:PATH --to postgres://…`: moves an installation to PostgreSQL.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy an installation's SQLite database into an empty PostgreSQL database.",
            discussion: """
                Stop feedwatch first. Every feed (schedule, validators, failure and retirement state), item, topic \
                state, alert and delivery (state, attempts, next attempt) is copied with its ids and times, so \
                pending deliveries keep their webhook-id and nothing is sent twice or lost. Live leases are not \
                copied. The SQLite file is opened read-only; the copy is one PostgreSQL transaction, all or \
                nothing; a destination that already holds feedwatch data is refused. Then set `database` (and \
                `database_password_file` or `database_password_credential`) in the configuration and start \
                feedwatch again.
                """
        )

        @Option(help: "The SQLite database to copy, as sqlite:PATH (the configuration's `database`).")
        var from: String

        @Option(
            help: ArgumentHelp(
                "The PostgreSQL database, as postgres://USER@HOST:PORT/DATABASE[?sslmode=…&schema=…], with no "
                    + "password in it."
            )
        )
        var to: String

        @Option(help: "A file holding the PostgreSQL password, as `database_password_file`.")
        var passwordFile: String?

        @Option(
            help: ArgumentHelp(
                "A systemd credential holding the PostgreSQL password, read from $CREDENTIALS_DIRECTORY, as "
                    + "`database_password_credential`."
            )
        )
        var passwordCredential: String?

        @Option(help: "The most rows one INSERT carries.")
        var batchSize = 1_000

        @Option(help: "The least severe log level shown: trace, debug, info, notice, warning, error, critical.")
        var logLevel: Logger.Level = .info

        /// Refuses contradictory options before anything is opened.
        func validate() throws {
            guard passwordFile == nil || passwordCredential == nil else {
                throw ValidationError("give either --password-file or --password-credential, not both")
            }
            guard batchSize > 0 else {
                throw ValidationError("--batch-size must be at least 1")
            }
        }

        /// The SQLite path `--from` names: `sqlite:PATH` (or `sqlite://PATH`), or a bare path.
        var sourcePath: String {
            guard from.hasPrefix("sqlite:") else { return from }
            let path = from.dropFirst("sqlite:".count)
            return String(path.hasPrefix("///") ? path.dropFirst(2) : path)
        }

        /// Copies the installation and prints the summary, or exits 1 with the error.
        func run() async throws {
            let logger = bootstrapLogging(level: logLevel)
            guard PostgresLocation.isPostgresURL(to) else {
                fail(CommandError("--to must be a PostgreSQL URL such as postgres://feedwatch@db.internal/feedwatch"))
            }
            guard URLComponents(string: to)?.password == nil else {
                fail(
                    CommandError(
                        "the --to URL carries a password; remove it and give --password-file FILE (or "
                            + "--password-credential NAME) instead, so it stays out of shell history and process lists"
                    )
                )
            }
            do {
                let location = try PostgresLocation(url: to)
                let password = try PostgresPassword(file: passwordFile, credential: passwordCredential)
                    .read(for: location)
                let migrator = StoreMigrator(
                    source: sourcePath,
                    destination: location,
                    password: password,
                    batchSize: batchSize,
                    logger: logger
                )
                print(Self.report(try await migrator.run(), database: to), terminator: "")
            } catch {
                fail(error)
            }
        }

        /// The summary printed when the copy is committed: rows per table, the rate, what was left out, and the
        /// `database` setting to use from now on.
        static func report(_ summary: StoreMigrationSummary, database: String) -> String {
            let width = summary.tables.map(\.name.count).max() ?? 0
            var lines = summary.tables.map { table in
                table.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(table.rows)"
            }
            lines.append(
                "copied \(summary.totalRows) rows from \(summary.source) to \(summary.destination) in "
                    + String(format: "%.2f s (%.0f rows/s)", summary.seconds, summary.rowsPerSecond)
            )
            lines.append("not copied: " + summary.skipped.joined(separator: "; "))
            lines.append(
                "next: set `database: \(database)` and `database_password_file` (or "
                    + "`database_password_credential`) in the configuration, then start feedwatch; keep "
                    + "\(summary.source) as a backup"
            )
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
