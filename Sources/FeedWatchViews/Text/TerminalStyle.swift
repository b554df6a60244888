public import Foundation

/// How text output looks: plain tab-separated lines for a pipe, or a header row, aligned columns and highlights
/// for a person at a terminal.
public struct TerminalStyle: Sendable, Equatable {
    /// Whether standard output is a terminal (a header row and aligned columns).
    public var isTerminal: Bool
    /// Whether ANSI colours and bold may be used (a terminal, and `NO_COLOR` not set).
    public var colors: Bool

    /// Creates a style.
    ///
    /// - Parameters:
    ///   - isTerminal: Whether output goes to a terminal.
    ///   - colors: Whether ANSI colours may be used.
    public init(isTerminal: Bool, colors: Bool) {
        self.isTerminal = isTerminal
        self.colors = colors
    }

    /// Plain output, for pipes and files.
    public static let plain = TerminalStyle(isTerminal: false, colors: false)

    /// The style of standard output: a terminal unless it is redirected, colours unless `NO_COLOR` is set or
    /// `TERM` is `dumb`.
    public static func standardOutput() -> TerminalStyle {
        let terminal = isatty(STDOUT_FILENO) == 1
        let environment = ProcessInfo.processInfo.environment
        let colors = terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return TerminalStyle(isTerminal: terminal, colors: colors)
    }

    /// Text in bold.
    func bold(_ text: String) -> String {
        colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    /// Text highlighted for the words a query matched: bold yellow on a colour terminal, `[text]` on one without
    /// colours, unchanged in a pipe (the matched words are listed on their own line there).
    func highlight(_ text: String) -> String {
        colors ? "\u{1B}[1;33m\(text)\u{1B}[0m" : isTerminal ? "[\(text)]" : text
    }

    /// Text shown faintly.
    func dim(_ text: String) -> String {
        colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }
}

/// Rows of columns: on a terminal a bold header row and aligned columns, elsewhere tab-separated lines without a
/// header, so scripts can `cut -f`.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func render(_ style: TerminalStyle) -> String {
        guard style.isTerminal else {
            return rows.map { $0.joined(separator: "\t") + "\n" }.joined()
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var text = style.bold(line(header)) + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }
}

/// Formatting of times and small values shared by the text views.
enum TextFormat {
    /// A time as ISO 8601 in UTC, seconds precision.
    static func time(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601) } ?? "-"
    }

    /// A confidence as two decimals.
    static func confidence(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "-"
    }

    /// Text cut to `limit` characters with an ellipsis, on one line.
    static func clip(_ text: String, _ limit: Int) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }

    /// A one-line bar chart of counts: one block per value, scaled to the largest, `·` for zero.
    static func bars(_ values: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = max(values.max() ?? 0, 1)
        return String(
            values.map { value -> Character in
                value == 0 ? "·" : blocks[min(blocks.count - 1, (value * blocks.count - 1) / top)]
            }
        )
    }
}
