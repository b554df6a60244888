/// The text of `feedwatch feeds list`.
public enum FeedText {
    /// Each feed on one line: state, last status, last poll, last new item, next poll, validators, name, URL (with
    /// the configured one when a redirect relinked it) and the last error.
    ///
    /// - Parameters:
    ///   - feeds: The feeds.
    ///   - style: Terminal or pipe.
    /// - Returns: The lines.
    public static func list(_ feeds: [FeedSummary], style: TerminalStyle) -> String {
        let rows = feeds.map { feed in
            [
                feed.state, feed.lastStatus.map(String.init) ?? "-", TextFormat.time(feed.lastPolledAt),
                TextFormat.time(feed.lastNewItemAt), TextFormat.time(feed.nextPollAt),
                feed.validators.isEmpty ? "none" : feed.validators.joined(separator: ","), cell(feed.name),
                feed.url == feed.configuredURL ? feed.url : "\(feed.url) (configured as \(feed.configuredURL))",
                cell(feed.lastError),
            ]
        }
        let header = [
            "STATE", "STATUS", "LAST POLL", "LAST NEW ITEM", "NEXT POLL", "VALIDATORS", "NAME", "URL", "LAST ERROR",
        ]
        return TextTable(header: header, rows: rows).render(style)
    }

    /// Text from a feed or its server, on one line of one column: control characters (tabs, line breaks, escapes)
    /// become spaces, so a cell cannot break the table or drive the terminal.
    private static func cell(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
            )
        )
    }
}
