import FeedWatchCore
import Foundation

/// The few HTML rules the dashboard relies on, in one place: feed text is hostile, so everything is escaped, and
/// only web links become links.
enum HTML {
    /// Text made safe inside an element or a quoted attribute (``MarkupText/escape(_:)``).
    static func escape(_ text: String) -> String {
        MarkupText.escape(text)
    }

    /// A link a page may point to: only `http` and `https` URLs (a `javascript:` or `data:` link from a feed is
    /// shown as text, never followed).
    static func webLink(_ link: String?) -> String? {
        guard let link = link?.trimmingCharacters(in: .whitespacesAndNewlines),
            let components = URLComponents(string: link),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            components.host?.isEmpty == false
        else { return nil }
        return link
    }

    /// A URL without its user, path, query and fragment (`https://hooks.example.com`), so a secret in a webhook's
    /// path or query is never shown.
    static func origin(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return "(hidden)" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
