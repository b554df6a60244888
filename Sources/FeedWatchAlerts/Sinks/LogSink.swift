public import FeedWatchConfig
public import FeedWatchCore
import FeedWatchObservability
import Foundation

/// Prints each alert as one line, in `logfmt` or JSON, to standard output (or any line writer).
public struct LogSink: AlertSink {
    public let name: String
    private let format: LogSinkConfiguration.Format
    private let write: @Sendable (String) -> Void

    /// Creates a log sink.
    ///
    /// - Parameters:
    ///   - configuration: The sink's name and line format.
    ///   - write: Receives each line (without newline); standard output by default.
    public init(
        configuration: LogSinkConfiguration,
        write: @escaping @Sendable (String) -> Void = LogSink.standardOutput
    ) {
        self.name = configuration.name
        self.format = configuration.format
        self.write = write
    }

    /// Writes a line to standard output and flushes it, so alerts show at once under systemd or a pipe; when
    /// standard output is the journal, the line carries the `notice` priority (`<5>`), so
    /// `journalctl -p notice` shows alerts without the daemon's routine logs.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((journalPrefix + line + "\n").utf8))
    }

    private static let journalPrefix =
        LogfmtLogHandler.isJournal(descriptor: 1, environment: ProcessInfo.processInfo.environment) ? "<5>" : ""

    public func deliver(_ alert: Alert) async -> DeliveryOutcome {
        write(line(for: alert))
        return .delivered
    }

    /// The line printed for `alert`.
    ///
    /// - Parameter alert: The alert.
    /// - Returns: One line in the configured format.
    public func line(for alert: Alert) -> String {
        switch format {
        case .json:
            return String(decoding: AlertPayload.json(alert), as: UTF8.self)
        case .logfmt:
            var pairs: [(String, String)] = [
                ("alert", alert.id), ("topic", alert.topic), ("kind", alert.kind.rawValue),
                ("at", alert.at.formatted(.iso8601)),
            ]
            if let status = alert.status {
                pairs.append(("from", status.from ?? "none"))
                pairs.append(("to", status.to))
            }
            if let members = alert.alerts {
                pairs.append(("alerts", String(members.count)))
            }
            pairs.append(("summary", alert.summary))
            if let first = alert.evidence.first {
                pairs.append(("feed", first.feed))
                if let link = first.link { pairs.append(("link", link)) }
            }
            return pairs.map { "\($0.0)=\(LogfmtLogHandler.quote($0.1))" }.joined(separator: " ")
        }
    }
}
