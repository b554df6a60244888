public import FeedWatchCore
import Foundation

/// The text of `feedwatch topics list`, `topics show`, `alerts list` and `query`.
public enum TopicText {
    /// Each topic on one line: status and since when, confidence, a change waiting for confirmation, stories in the
    /// last 7 days, last alert.
    ///
    /// - Parameters:
    ///   - summaries: The topics.
    ///   - style: Terminal or pipe.
    /// - Returns: The lines.
    public static func list(_ summaries: [TopicSummary], style: TerminalStyle) -> String {
        let rows = summaries.map { topic in
            [
                topic.id, topic.status ?? "-", TextFormat.time(topic.since), TextFormat.confidence(topic.confidence),
                pending(topic.pending), String(topic.storiesLast7Days),
                topic.lastAlert.map {
                    "\(TextFormat.time($0.at)) \($0.kind): "
                        + (style.isTerminal ? TextFormat.clip($0.summary, 70) : $0.summary)
                } ?? "-",
            ]
        }
        let header = ["TOPIC", "STATUS", "SINCE", "CONFIDENCE", "PENDING", "STORIES_7D", "LAST ALERT"]
        return TextTable(header: header, rows: rows).render(style)
    }

    private static func pending(_ changes: [TopicSummary.PendingChange]) -> String {
        changes.isEmpty
            ? "-" : changes.map { "\($0.status) (\($0.outlets.joined(separator: ", ")))" }.joined(separator: "; ")
    }

    /// A topic in full: status, history with cue sentences and sources, stories with outlets and wire copies,
    /// actors with first-seen times, and a one-line chart of coverage per day.
    ///
    /// - Parameters:
    ///   - detail: The topic.
    ///   - style: Terminal or pipe.
    /// - Returns: The text.
    public static func show(_ detail: TopicDetail, style: TerminalStyle) -> String {
        let topic = detail.summary
        var text = style.bold("\(topic.id): \(topic.name)") + "\n"
        text += "status      \(topic.status ?? "none")"
        if let since = topic.since { text += " since \(TextFormat.time(since))" }
        if let confidence = topic.confidence { text += " (confidence \(TextFormat.confidence(confidence)))" }
        text += "\npending     \(pending(topic.pending))\n"
        text += "as of       \(TextFormat.time(topic.asOf))\n"

        text += "\n" + style.bold("Status history") + "\n"
        if detail.history.isEmpty { text += "  no status change yet\n" }
        for change in detail.history {
            text += "  \(TextFormat.time(change.at))  \(change.from ?? "-") → \(change.to)"
            if !change.sources.isEmpty { text += "  sources: \(change.sources.joined(separator: ", "))" }
            text += "\n"
            if let sentence = change.cueSentence {
                text += "      “\(highlight(sentence, words: [change.cue ?? ""], style: style))”\n"
            }
        }

        text += "\n" + style.bold("Stories (\(detail.stories.count))") + "\n"
        for story in detail.stories {
            let copies = story.copies == 0 ? "" : ", \(story.copies) wire \(story.copies == 1 ? "copy" : "copies")"
            text += "  \(TextFormat.time(story.lastAt))  \(story.title ?? story.id)\n"
            text +=
                "      \(story.itemCount) \(story.itemCount == 1 ? "item" : "items")\(copies); first \(TextFormat.time(story.firstAt)); "
            text += "outlets: \(story.outlets.isEmpty ? "-" : story.outlets.joined(separator: ", "))\n"
        }

        text += "\n" + style.bold("Actors (\(detail.actors.count))") + "\n"
        for actor in detail.actors {
            text += "  \(actor.name)  \(actor.role), first seen \(TextFormat.time(actor.firstSeen))\n"
        }

        let counts = topic.coverage.map(\.items)
        let surges = topic.coverage.filter(\.surge).map(\.day)
        text += "\n" + style.bold("Coverage per day") + " \(topic.coverage.first?.day ?? "") … "
        text += "\(topic.coverage.last?.day ?? ""), \(counts.reduce(0, +)) items, at most \(counts.max() ?? 0) a day\n"
        text += "  " + TextFormat.bars(counts) + "\n"
        if !surges.isEmpty { text += "  surges: \(surges.joined(separator: ", "))\n" }
        return text
    }

    /// Alerts one per line: id, kind, topic, event time, each sink's delivery state, and the summary.
    ///
    /// - Parameters:
    ///   - alerts: The alerts.
    ///   - style: Terminal or pipe.
    /// - Returns: The lines.
    public static func alerts(_ alerts: [AlertBrief], style: TerminalStyle) -> String {
        let rows = alerts.map { alert in
            [
                alert.id, alert.kind, alert.topic, TextFormat.time(alert.at),
                alert.deliveries.isEmpty ? "-" : alert.deliveries.joined(separator: ","),
                style.isTerminal ? TextFormat.clip(alert.summary, 90) : alert.summary,
            ]
        }
        return TextTable(header: ["ID", "KIND", "TOPIC", "AT", "DELIVERIES", "SUMMARY"], rows: rows).render(style)
    }

    /// A query's matches: time, outlet and headline with the matched words highlighted, then why it matched.
    ///
    /// - Parameters:
    ///   - matches: The matches, newest first.
    ///   - style: Terminal or pipe.
    /// - Returns: The text.
    public static func query(_ matches: [QueryMatch], style: TerminalStyle) -> String {
        var text = ""
        for match in matches {
            text += "\(TextFormat.time(match.at))  \(match.feed)  "
            text += highlight(match.title ?? "(no title)", words: match.terms, style: style) + "\n"
            text += "    matched: \(match.terms.joined(separator: ", "))"
            if let link = match.link { text += "  \(link)" }
            text += "\n"
        }
        text += "\(matches.count) \(matches.count == 1 ? "match" : "matches")\n"
        return text
    }

    /// `text` with every word whose normalised form is one of `words` highlighted.
    static func highlight(_ text: String, words: [String], style: TerminalStyle) -> String {
        let wanted = Set(words.flatMap { TokenSpans.tokens($0) })
        guard !wanted.isEmpty else { return text }
        var result = ""
        var cursor = text.startIndex
        for span in TokenSpans.spans(in: text) where wanted.contains(span.token) {
            result += text[cursor..<span.range.lowerBound]
            result += style.highlight(String(text[span.range]))
            cursor = span.range.upperBound
        }
        return result + text[cursor...]
    }
}
