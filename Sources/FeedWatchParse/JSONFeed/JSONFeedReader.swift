import FeedWatchCore
import Foundation

/// Reads JSON Feed 1.0 and 1.1 documents (`https://jsonfeed.org/version/1`, `/1.1`) into a `ParsedFeed`.
///
/// Values of the wrong JSON type are ignored rather than fatal, as with XML feeds; a document that is not JSON at
/// all, or whose top level is not an object, is refused.
enum JSONFeedReader {
    /// Parses a JSON Feed.
    ///
    /// - Parameters:
    ///   - data: The document as UTF-8 (or UTF-16/32, which `JSONSerialization` detects).
    ///   - url: The document's URL, the base for relative links and the name used in errors.
    ///   - maxDepth: The deepest nesting of arrays and objects accepted.
    /// - Returns: The parsed feed.
    /// - Throws: `ParseError` with code `malformedJSON`, `tooDeep` or `unknownFormat`.
    static func parse(_ data: Data, url: String?, maxDepth: Int) throws(ParseError) -> ParsedFeed {
        if nestingDepth(of: data) > maxDepth {
            throw ParseError(.tooDeep, url: url, message: "arrays and objects are nested more than \(maxDepth) deep")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw ParseError(.malformedJSON, url: url, message: message ?? "the document is not valid JSON")
        }
        guard let root = object as? [String: Any] else {
            throw ParseError(.unknownFormat, url: url, message: "the JSON document is not an object")
        }
        let version = root["version"] as? String
        guard version?.contains("jsonfeed.org") == true || root["items"] is [Any] else {
            throw ParseError(.unknownFormat, url: url, message: "the JSON document is not a JSON Feed")
        }
        // Only an http(s) base: a `feed_url` of `javascript:` would make every relative link a script.
        let base =
            HTMLSanitizer.httpBase((root["feed_url"] as? String).flatMap { URL(string: $0) })
            ?? HTMLSanitizer.httpBase(url.flatMap { URL(string: $0) })
        var feed = ParsedFeed(format: .json, encoding: "utf-8")
        feed.title = string(root["title"]).map(HTMLText.collapsingWhitespace)
        feed.titleDetail = feed.title.map { FeedText(type: "text", value: $0) }
        feed.link = string(root["home_page_url"]).flatMap { HTMLSanitizer.safeLink($0, against: base) }
        feed.subtitle = string(root["description"]).map { FeedText(type: "text", value: $0) }
        feed.language = string(root["language"])
        feed.id = string(root["feed_url"])
        feed.authors = people(root)
        let items = root["items"] as? [Any] ?? []
        feed.items = items.compactMap { ($0 as? [String: Any]).map { item($0, base: base) } }
        return feed
    }

    private static func item(_ object: [String: Any], base: URL?) -> FeedItem {
        var item = FeedItem()
        item.id = string(object["id"]) ?? (object["id"] as? NSNumber).map { "\($0)" }
        item.title = string(object["title"]).map(HTMLText.collapsingWhitespace).flatMap(FeedBuilder.nonEmpty)
        item.titleDetail = item.title.map { FeedText(type: "text", value: $0) }
        item.link = string(object["url"]).flatMap { HTMLSanitizer.safeLink($0, against: base) }
        item.published = string(object["date_published"]).flatMap(FeedDate.parse)
        item.updated = string(object["date_modified"]).flatMap(FeedDate.parse)
        if let summary = string(object["summary"]) {
            item.summary = FeedBuilder.nonEmpty(HTMLText.collapsingWhitespace(summary))
            item.summaryDetail = FeedText(type: "text", value: summary)
        }
        if let html = string(object["content_html"]) {
            let sanitized = HTMLText.sanitize(html, base: base)
            item.contents.append(FeedText(type: "html", value: sanitized.html))
            item.content = FeedBuilder.nonEmpty(sanitized.text)
        }
        if let text = string(object["content_text"]) {
            item.contents.append(FeedText(type: "text", value: text))
            item.content = item.content ?? FeedBuilder.nonEmpty(HTMLText.collapsingWhitespace(text))
        }
        item.authorDetails = people(object)
        item.authors = item.authorDetails.compactMap { $0.name ?? $0.email }
        let tags = (object["tags"] as? [Any] ?? []).compactMap { string($0) }
        item.categoryDetails = tags.map { FeedCategory(term: $0) }
        item.categories = tags
        for attachment in object["attachments"] as? [Any] ?? [] {
            guard let attachment = attachment as? [String: Any],
                let url = string(attachment["url"]).flatMap({ HTMLSanitizer.safeLink($0, against: base) })
            else {
                continue
            }
            item.enclosures.append(
                FeedEnclosure(
                    url: url,
                    type: string(attachment["mime_type"]),
                    length: (attachment["size_in_bytes"] as? NSNumber)?.intValue
                )
            )
        }
        if let image = string(object["image"]).flatMap({ HTMLSanitizer.safeLink($0, against: base) }) {
            item.thumbnails.append(image)
        }
        return item
    }

    /// JSON Feed 1.1 `authors`, or the 1.0 `author` object.
    private static func people(_ object: [String: Any]) -> [FeedPerson] {
        var list = object["authors"] as? [Any] ?? []
        if list.isEmpty, let single = object["author"] {
            list = [single]
        }
        return list.compactMap { entry in
            guard let entry = entry as? [String: Any] else {
                return nil
            }
            let person = FeedPerson(
                name: string(entry["name"]),
                uri: string(entry["url"]).flatMap { HTMLSanitizer.safeLink($0, against: nil) }
            )
            return person.isEmpty ? nil : person
        }
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else {
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The deepest nesting of `[` and `{` outside strings, so that a hostile document cannot exhaust the stack.
    private static func nestingDepth(of data: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
