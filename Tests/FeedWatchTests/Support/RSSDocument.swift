import Foundation

@testable import FeedWatchCore

/// Writes test items as an RSS 2.0 document, so analysis fixtures can be served by a test server.
enum RSSDocument {
    /// An RSS 2.0 document titled `title` holding `items` in order (id, title, link, date and summary).
    static func render(title: String, items: [FeedItem]) -> String {
        let entries = items.map { item in
            var fields = ["<guid isPermaLink=\"false\">\(escape(item.id ?? ""))</guid>"]
            if let title = item.title { fields.append("<title>\(escape(title))</title>") }
            if let link = item.link { fields.append("<link>\(escape(link))</link>") }
            if let published = item.published {
                fields.append("<pubDate>\(rfc822(published))</pubDate>")
            }
            if let summary = item.summary { fields.append("<description>\(escape(summary))</description>") }
            return "<item>" + fields.joined() + "</item>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>\(escape(title))</title>\(entries.joined(separator: "\n"))</channel></rss>
            """
    }

    private static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
