import FeedWatchCore
import Foundation

/// Turning a finished capture into field values.
extension FeedBuilder {
    /// A captured value: the plain text for analysis and the typed value for storage.
    struct Value {
        var text: String
        var detail: FeedText
    }

    /// Stores a finished capture in its field; the capture is consumed, so that its text is never copied.
    mutating func store(_ capture: consuming Capture) {
        let field = capture.field
        let scheme = capture.scheme
        let value = Self.value(of: capture, scratch: htmlScratch)
        if field == .title || field == .feedTitle || field == .summary
            || field == .content || field == .feedSubtitle
        {
            storeText(value, in: field)
            return
        }
        guard let text = value.flatMap({ Self.nonEmpty($0.text) }) else {
            return
        }
        switch field {
        case .feedLink, .link:
            offerLink(text, rank: 1)
        case .feedTTL:
            if let minutes = Int(text), minutes > 0 {
                feed.ttl = feed.ttl ?? TimeInterval(minutes) * 60
            }
        case .feedLanguage: feed.language = feed.language ?? text
        case .feedID: feed.id = feed.id ?? text
        case .feedUpdated: feed.updated = feed.updated ?? FeedDate.parse(text)
        case .feedPublished: feed.published = feed.published ?? FeedDate.parse(text)
        case .feedAuthor:
            if let parsed = FeedPerson.parsing(text) {
                if stack.last?.name.local == "webMaster" {
                    feedWebMaster = feedWebMaster ?? parsed
                } else {
                    feed.authors.append(parsed)
                }
            }
        case .feedCategory: feed.categories.append(FeedCategory(term: text, scheme: scheme))
        case .feedItunesSummary: feedItunesSummary = feedItunesSummary ?? value?.detail
        case .dublinCoreDate: itemDublinCoreDate = itemDublinCoreDate ?? FeedDate.parse(text)
        case .itunesSummary: itemItunesSummary = itemItunesSummary ?? value?.detail
        case .personName: if person?.name == nil { person?.name = text }
        case .personEmail: if person?.email == nil { person?.email = text }
        case .personURI:
            let uri = resolve(text)
            if person?.uri == nil { person?.uri = uri }
        case .id: if item?.id == nil { item?.id = text }
        case .published: if item?.published == nil { item?.published = FeedDate.parse(text) }
        case .updated: if item?.updated == nil { item?.updated = FeedDate.parse(text) }
        case .author:
            if let parsed = FeedPerson.parsing(text) {
                item?.authorDetails.append(parsed)
            }
        case .category: item?.categoryDetails.append(FeedCategory(term: text, scheme: scheme))
        case .title, .feedTitle, .summary, .content, .feedSubtitle: break
        }
    }

    private mutating func storeText(_ value: Value?, in field: Field) {
        guard let value, !value.text.isEmpty || !value.detail.value.isEmpty else {
            return
        }
        switch field {
        case .feedTitle where feed.titleDetail == nil:
            feed.titleDetail = value.detail
            feed.title = Self.nonEmpty(value.text)
        case .feedSubtitle where feed.subtitle == nil:
            feed.subtitle = value.detail
        case .title where item?.titleDetail == nil:
            item?.titleDetail = value.detail
            item?.title = Self.nonEmpty(value.text)
        case .summary where item?.summaryDetail == nil:
            item?.summaryDetail = value.detail
            item?.summary = Self.nonEmpty(value.text)
        case .content:
            item?.contents.append(value.detail)
            if item?.content == nil {
                item?.content = Self.nonEmpty(value.text)
            }
        default:
            break
        }
    }

    /// The text and typed value of a capture; `nil` when it holds nothing.
    static func value(of capture: consuming Capture, scratch: HTMLScratch? = nil) -> Value? {
        var capture = capture
        // Base64 that does not decode to UTF-8 text was text all along (`type="application/x-custom"`).
        if capture.base64,
            let decoded = Data(
                base64Encoded: String(decoding: capture.text, as: UTF8.self).trimmedASCIIWhitespace,
                options: .ignoreUnknownCharacters
            ),
            DocumentDecoder.isValidUTF8(decoded[...])
        {
            capture.text = Array(decoded)
            capture.markup = nil
        }
        switch capture.mode {
        case .raw:
            let text = String(decoding: capture.text, as: UTF8.self).trimmedASCIIWhitespace
            return Value(text: text, detail: FeedText(type: capture.type, value: text))
        case .plain:
            var collapsed = CollapsedText()
            capture.text.withUnsafeBufferPointer { collapsed.append($0) }
            let text = collapsed.string
            return Value(text: text, detail: FeedText(type: capture.type, value: text))
        case .html, .xhtml:
            return withSource(of: capture) { source in
                if capture.mode == .html && capture.type == "text" {
                    let text = HTMLText.plainText(utf8: source)
                    return Value(text: text, detail: FeedText(type: "text", value: text))
                }
                let sanitized = HTMLText.sanitize(
                    utf8: source,
                    base: capture.base,
                    origin: capture.origin,
                    scratch: scratch
                )
                return Value(text: sanitized.text, detail: FeedText(type: capture.type, value: sanitized.html))
            }
        }
    }

    /// Calls `body` with the HTML of a capture as UTF-8: its serialized markup when it had child elements, else its
    /// character data.
    private static func withSource(of capture: Capture, _ body: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        if var markup = capture.markup {
            return markup.withUTF8(body)
        }
        return capture.text.withUnsafeBufferPointer(body)
    }
}
