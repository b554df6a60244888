public import FeedWatchCore
public import Foundation

/// Alerts as an Atom 1.0 feed (RFC 4287), so a user reads feedwatch's alerts in the feed reader they already use:
/// one entry per alert, its id `urn:feedwatch:alert:ID`, its summary as the title, its explanation and evidence as
/// the content, and the evidence's web links as related links.
public struct AlertAtomFeed: Sendable {
    /// The topic the feed is about, all topics when `nil`.
    public var topic: String?
    /// The topic's display name.
    public var topicName: String?
    /// The alerts, newest first.
    public var alerts: [Alert]

    /// Creates a feed.
    ///
    /// - Parameters:
    ///   - topic: The topic's id, or `nil` for every topic.
    ///   - topicName: The topic's display name.
    ///   - alerts: The alerts, newest first.
    public init(topic: String?, topicName: String?, alerts: [Alert]) {
        self.topic = topic
        self.topicName = topicName
        self.alerts = alerts
    }

    /// The entry id of an alert.
    public static func entryID(_ alertID: String) -> String {
        "urn:feedwatch:alert:" + alertID
    }

    /// The feed as XML.
    public func xml() -> String {
        let path = topic.map { "/topics/\(Dashboard.pathSegment($0))/alerts.atom" } ?? "/alerts.atom"
        let updated = alerts.map(\.at).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>urn:feedwatch:alerts\(topic.map { ":topic:" + Self.escape($0) } ?? "")</id>
            <title>\(Self.escape(topicName.map { "feedwatch alerts: \($0)" } ?? "feedwatch alerts"))</title>
            <updated>\(Self.time(updated))</updated>
            <author><name>feedwatch</name></author>
            <generator>feedwatch</generator>
            <link rel="self" type="application/atom+xml" href="\(Self.escape(path))"/>
            <link rel="alternate" type="text/html" href="\(topic.map { Self.escape(Dashboard.topicPath($0)) } ?? "/")"/>

            """
        for alert in alerts {
            xml += "<entry>\n"
            xml += "<id>\(Self.escape(Self.entryID(alert.id)))</id>\n"
            xml += "<title type=\"text\">\(Self.escape(alert.summary))</title>\n"
            xml += "<updated>\(Self.time(alert.at))</updated>\n"
            xml += "<published>\(Self.time(alert.at))</published>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"/alerts/\(Dashboard.pathSegment(alert.id))\"/>\n"
            for evidence in alert.evidence {
                guard let link = HTML.webLink(evidence.link) else { continue }
                xml += "<link rel=\"related\" href=\"\(Self.escape(link))\""
                xml += evidence.title.map { " title=\"\(Self.escape($0))\"" } ?? ""
                xml += "/>\n"
            }
            xml += "<category term=\"\(Self.escape(alert.kind.rawValue))\"/>\n"
            xml += "<category term=\"\(Self.escape(alert.topic))\" label=\"topic\"/>\n"
            xml += "<summary type=\"text\">\(Self.escape(alert.summary))</summary>\n"
            xml += "<content type=\"html\">\(Self.escape(content(alert)))</content>\n"
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// The entry's HTML content (escaped once here, and once more as the element's text).
    private func content(_ alert: Alert) -> String {
        var html = "<p>\(HTML.escape(alert.summary))</p>"
        if let explanation = alert.explanation {
            if let sentence = explanation.cueSentence {
                html += "<blockquote>\(HTML.escape(sentence))</blockquote>"
            }
            if !explanation.sources.isEmpty {
                html += "<p>Sources: \(HTML.escape(explanation.sources.joined(separator: ", ")))</p>"
            }
            html += "<p>Confidence: \(String(format: "%.2f", explanation.confidence))</p>"
        }
        if !alert.evidence.isEmpty {
            html += "<ul>"
            for evidence in alert.evidence {
                let title = HTML.escape(evidence.title ?? evidence.link ?? "(untitled)")
                if let link = HTML.webLink(evidence.link) {
                    html += "<li><a href=\"\(HTML.escape(link))\">\(title)</a> — \(HTML.escape(evidence.feed))</li>"
                } else {
                    html += "<li>\(title) — \(HTML.escape(evidence.feed))</li>"
                }
            }
            html += "</ul>"
        }
        return html
    }

    /// Text made safe in XML: markup characters escaped, and the control characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        MarkupText.escape(text)
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
