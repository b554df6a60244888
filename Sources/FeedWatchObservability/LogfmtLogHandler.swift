public import Foundation
public import Logging

#if canImport(Glibc)
    import Glibc
    // Glibc types such as `stat` and `timespec` are attributed to CDispatch once Dispatch is loaded.
    import CDispatch
#endif

/// A swift-log handler writing one `logfmt` line per event: `ts=… level=info msg="poll cycle done" feed=… alerts=2`.
///
/// When standard error is connected to the systemd journal (`$JOURNAL_STREAM` names it), each line starts with the
/// kernel-style priority prefix (`<6>` for info, `<4>` for warning, …) so `journalctl -p warning` filters by level,
/// and the timestamp is left out because the journal keeps its own.
public struct LogfmtLogHandler: LogHandler {
    /// The handler's own metadata, added to every event.
    public var metadata: Logger.Metadata = [:]
    /// The least severe level written.
    public var logLevel: Logger.Level = .info

    private let label: String
    private let journal: Bool
    private let write: @Sendable (String) -> Void

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - label: The logger's label (not printed; metadata carries the context).
    ///   - journal: Whether to write journald priority prefixes instead of timestamps.
    ///   - write: Receives each line without its newline; standard error by default.
    public init(
        label: String,
        journal: Bool = LogfmtLogHandler.standardErrorIsJournal(),
        write: @escaping @Sendable (String) -> Void = LogfmtLogHandler.standardError
    ) {
        self.label = label
        self.journal = journal
        self.write = write
    }

    /// Writes a line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard error is the journal's stream, per `$JOURNAL_STREAM` (`device:inode`).
    ///
    /// - Parameter environment: The process environment.
    /// - Returns: `true` when file descriptor 2 is the stream systemd connected to the journal.
    public static func standardErrorIsJournal(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        isJournal(descriptor: 2, environment: environment)
    }

    /// Whether a file descriptor is the journal's stream, per `$JOURNAL_STREAM` (`device:inode`).
    ///
    /// - Parameters:
    ///   - descriptor: 1 for standard output, 2 for standard error.
    ///   - environment: The process environment.
    /// - Returns: `true` when the descriptor is the stream systemd connected to the journal.
    public static func isJournal(descriptor: Int32, environment: [String: String]) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        var status = Glibc.stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return stream == "\(status.st_dev):\(status.st_ino)"
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(line(for: event, at: Date()))
    }

    /// The line written for one event.
    func line(for event: LogEvent, at time: Date) -> String {
        var fields: [String] = []
        if journal {
            fields.append(Self.priority(event.level) + "level=\(event.level)")
        } else {
            fields.append("ts=\(time.formatted(.iso8601))")
            fields.append("level=\(event.level)")
        }
        fields.append("msg=\(Self.quote(event.message.description))")
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            if let value = merged[key] {
                fields.append("\(key)=\(Self.quote(value.description))")
            }
        }
        return fields.joined(separator: " ")
    }

    private static func priority(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "<7>"
        case .info: "<6>"
        case .notice: "<5>"
        case .warning: "<4>"
        case .error: "<3>"
        case .critical: "<2>"
        }
    }

    /// A value as logfmt writes it: bare when it is one plain word, else in double quotes with escapes. Every
    /// control character (C0, DEL, C1, and the Unicode line and paragraph separators) is escaped, as `\n`, `\r`,
    /// `\t` or `\u001b`, so a hostile feed title cannot forge a log line or drive the operator's terminal.
    public static func quote(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && !value.unicodeScalars.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || isControl($0) }
        guard !plain else { return value }
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if isControl(scalar) {
                    escaped += unicodeEscape(scalar)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    /// JSON text with the control characters JSON leaves raw (DEL, C1, the Unicode line and paragraph separators)
    /// written as `\u` escapes, so printing it cannot drive a terminal; JSON encoders already escape C0.
    ///
    /// - Parameter json: JSON text.
    /// - Returns: The same JSON value, safe to print.
    public static func terminalSafe(json: String) -> String {
        guard json.unicodeScalars.contains(where: isControl) else { return json }
        var escaped = ""
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x20, isControl(scalar) {
                escaped += unicodeEscape(scalar)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A scalar of the Basic Multilingual Plane as `\u` and four hexadecimal digits (`\u001b`).
    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether a scalar is a control character a terminal or log reader could act on.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
