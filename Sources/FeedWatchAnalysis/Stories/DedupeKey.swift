public import FeedWatchCore
import Foundation

/// The keys items are deduplicated by, and the content hash that recognises verbatim copies.
public enum DedupeKey {
    /// The dedupe key of an item.
    ///
    /// In order of preference: `id:` and the guid when it is present and not blank; `link:` and the canonical
    /// link (see ``canonicalLink(_:)``); else `hash:` and the content hash.
    ///
    /// - Parameters:
    ///   - item: The parsed item.
    ///   - contentHash: The item's content hash, from ``contentHash(for:)``.
    /// - Returns: The key.
    public static func key(for item: FeedItem, contentHash: String) -> String {
        if let id = item.id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
            return "id:" + id
        }
        if let link = item.link, let canonical = canonicalLink(link) {
            return "link:" + canonical
        }
        return "hash:" + contentHash
    }

    /// Whether a key names one item across all feeds, not just within its own feed.
    ///
    /// Links and content hashes always do. A guid does when it looks like a URL, URN or tag (it holds `:` or
    /// `/`) or is long enough to be unlikely to repeat; a short guid such as `"42"` is unique only in its feed, so
    /// two feeds' item 42 must not be taken for copies of each other.
    ///
    /// - Parameter key: A key from ``key(for:contentHash:)``.
    /// - Returns: `true` when equal keys in two feeds mean the same item.
    public static func isGloballyUnique(_ key: String) -> Bool {
        guard key.hasPrefix("id:") else { return true }
        let id = key.dropFirst(3)
        return id.contains(":") || id.contains("/") || id.count >= 12
    }

    /// A link in canonical form.
    ///
    /// The scheme and host are lowercased, a default port (80 for http, 443 for https) is dropped, the fragment
    /// and every `utm_*` query parameter are dropped, and a trailing slash of the path is dropped. A link that is
    /// not an absolute URL is only trimmed and stripped of its fragment.
    ///
    /// - Parameter link: The link as the feed gave it.
    /// - Returns: The canonical link, or `nil` when the link is blank.
    public static func canonicalLink(_ link: String) -> String? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return nil
        }
        guard var components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.percentEncodedHost, !host.isEmpty
        else {
            let withoutFragment = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let result = withoutFragment.first.map(String.init) ?? trimmed
            return result.isEmpty ? nil : result
        }
        components.scheme = scheme
        components.percentEncodedHost = host.lowercased()
        components.fragment = nil
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") {
            path.removeLast()
        }
        components.percentEncodedPath = path
        if let query = components.percentEncodedQuery {
            let kept = query.split(separator: "&").filter { parameter in
                let name = parameter.split(separator: "=", maxSplits: 1).first ?? ""
                return !name.lowercased().hasPrefix("utm_")
            }
            components.percentEncodedQuery = kept.isEmpty ? nil : kept.joined(separator: "&")
        }
        return components.string ?? trimmed
    }

    /// The content hash of an item: a ``StableHash`` of its normalised title tokens and body tokens.
    ///
    /// The body is the content when it has any words, else the summary, so a copy that carries only a teaser
    /// summary next to the full text hashes like one that carries the full text alone.
    ///
    /// - Parameter item: The parsed item.
    /// - Returns: A 32-digit lowercase hex hash.
    public static func contentHash(for item: FeedItem) -> String {
        var bytes: [UInt8] = []
        _ = TextNormalizer.appendJoinedTokens(of: item.title ?? "", to: &bytes)
        bytes.append(0x1F)
        if TextNormalizer.appendJoinedTokens(of: item.content ?? "", to: &bytes) == 0 {
            _ = TextNormalizer.appendJoinedTokens(of: item.summary ?? "", to: &bytes)
        }
        return StableHash.hex(bytes: bytes)
    }

    /// The content hash from already normalised tokens: the same bytes ``StableHash/hex(_:length:)`` would hash
    /// for the title and body joined by spaces, built without the intermediate strings.
    static func contentHash(title: [String], summary: [String], content: [String]) -> String {
        let body = content.isEmpty ? summary : content
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.reduce(title.count + body.count) { $0 + $1.utf8.count })
        for (index, token) in title.enumerated() {
            if index > 0 {
                bytes.append(0x20)
            }
            bytes.append(contentsOf: token.utf8)
        }
        bytes.append(0x1F)
        for (index, token) in body.enumerated() {
            if index > 0 {
                bytes.append(0x20)
            }
            bytes.append(contentsOf: token.utf8)
        }
        return StableHash.hex(bytes: bytes)
    }
}
