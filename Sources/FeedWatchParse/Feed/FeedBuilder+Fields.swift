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
        let label = capture.label
        let value = Self.value(of: capture, scratch: htmlScratch, textMayHoldControls: textMayHoldControls)
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
        case .feedLanguage: feed.language = feed.language ?? Self.languageTag(text)
        case .feedID: feed.id = feed.id ?? identifier(text)
        case .feedUpdated: feed.updated = FeedDates.parse(text) ?? feed.updated
        case .feedPublished: feed.published = FeedDates.parse(text) ?? feed.published
        case .feedAuthor:
            if let parsed = PersonText.person(from: text) {
                if stack.last?.name.local == "webMaster" {
                    feedWebMaster = feedWebMaster ?? parsed
                } else {
                    feed.authors.append(parsed)
                }
            }
        case .feedCategory: feed.categories.append(FeedCategory(term: text, scheme: scheme))
        case .feedItunesSummary: feedItunesSummary = feedItunesSummary ?? value?.detail
        case .dublinCoreDate: itemDublinCoreDate = FeedDates.parse(text) ?? itemDublinCoreDate
        case .itunesSummary: itemItunesSummary = itemItunesSummary ?? value?.detail
        case .personName: if person?.name == nil { person?.name = text }
        case .personEmail: if person?.email == nil { person?.email = text }
        case .personURI:
            let uri = resolve(text)
            if person?.uri == nil { person?.uri = uri }
        case .id:
            if item?.id == nil {
                let id = identifier(text)
                item?.id = id
            }
        // A later date of the same kind corrects an earlier one, as feedparser reads them.
        case .published: if let date = FeedDates.parse(text) { item?.published = date }
        case .updated: if let date = FeedDates.parse(text) { item?.updated = date }
        case .author:
            if let parsed = PersonText.person(from: text) {
                item?.authorDetails.append(parsed)
            }
        case .category: item?.categoryDetails.append(FeedCategory(term: text, scheme: scheme, label: label))
        case .keywords:
            let categories = Self.keywords(text, besides: item?.categoryDetails ?? [])
            item?.categoryDetails.append(contentsOf: categories)
        case .feedKeywords:
            let categories = Self.keywords(text, besides: feed.categories)
            feed.categories.append(contentsOf: categories)
        case .mediaTitle: itemMediaTitle = itemMediaTitle ?? value
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
    ///
    /// - Parameters:
    ///   - capture: The finished capture.
    ///   - scratch: Buffers reused from field to field.
    ///   - textMayHoldControls: Whether the document's text may hold control characters (see
    ///     `ControlCharacters.documentMayHoldControls`).
    static func value(
        of capture: consuming Capture,
        scratch: HTMLScratch? = nil,
        textMayHoldControls: Bool = true
    ) -> Value? {
        var capture = capture
        var decodedBase64 = false
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
            decodedBase64 = true
        }
        // Control characters are looked for in the source, once, and removed from the value only when the source may
        // produce one: a control in the text (possible only in a document `documentMayHoldControls` did not clear, or
        // in decoded base64), or a numeric reference such as `&#1;` that the HTML decoder will read.
        let checkingBytes = textMayHoldControls || decodedBase64
        let decodesHTML = capture.mode != .raw && (capture.mode != .plain || capture.markup != nil)
        var mayHoldControls = false
        if checkingBytes || decodesHTML {
            mayHoldControls =
                capture.markup.map { ControlCharacters.mayProduceControls($0, checkingBytes: checkingBytes) }
                ?? ControlCharacters.mayProduceControls(capture.text, checkingBytes: checkingBytes)
        }
        guard var value = typedValue(of: capture, scratch: scratch) else {
            return nil
        }
        if mayHoldControls {
            ControlCharacters.clean(&value.text)
            ControlCharacters.clean(&value.detail.value)
        }
        return value
    }

    /// The text and typed value of a capture, by its mode.
    @inline(__always)
    private static func typedValue(of capture: borrowing Capture, scratch: HTMLScratch?) -> Value? {
        switch capture.mode {
        case .raw:
            let text = String(decoding: capture.text, as: UTF8.self).trimmedASCIIWhitespace
            return Value(text: text, detail: FeedText(type: capture.type, value: text))
        case .plain where capture.markup != nil:
            // Elements inside a text construct that said nothing of markup (Atom 0.3's `<title>a <b>b</b></title>`):
            // inline markup after all, kept as sanitized HTML.
            return withSource(of: capture) { source in
                let sanitized = HTMLText.sanitize(
                    utf8: source,
                    base: capture.base,
                    origin: capture.origin,
                    scratch: scratch
                )
                return Value(text: sanitized.text, detail: FeedText(type: "html", value: sanitized.html))
            }
        case .plain:
            var collapsed = CollapsedText()
            capture.text.withUnsafeBufferPointer { collapsed.append($0) }
            let text = collapsed.string
            // Analysis reads every Unicode space as a space; the stored value keeps a no-break or em space as written.
            if capture.text.contains(where: { $0 == 0xC2 || (0xE1...0xE3).contains($0) }) {
                return Value(text: text, detail: FeedText(type: capture.type, value: asciiCollapsed(capture.text)))
            }
            return Value(text: text, detail: FeedText(type: capture.type, value: text))
        case .html, .xhtml, .xhtmlWrapped:
            return withSource(of: capture) { source in
                if capture.mode == .html && capture.type == "text" {
                    let text = HTMLText.plainText(utf8: source)
                    if source.contains(where: { $0 == 0xC2 || (0xE1...0xE3).contains($0) }) {
                        return Value(text: text, detail: FeedText(type: "text", value: plainTextKeepingSpaces(source)))
                    }
                    return Value(text: text, detail: FeedText(type: "text", value: text))
                }
                let sanitized = HTMLText.sanitize(
                    utf8: source,
                    base: capture.base,
                    origin: capture.origin,
                    scratch: scratch
                )
                // Inline XHTML is indented inside its element; the indentation is not content.
                let html = capture.mode == .html ? sanitized.html : sanitized.html.trimmedASCIIWhitespace
                return Value(text: sanitized.text, detail: FeedText(type: capture.type, value: html))
            }
        }
    }

    /// iTunes keywords (`a, b, c`) as categories in the iTunes scheme, without those already there.
    static func keywords(_ text: String, besides existing: [FeedCategory]) -> [FeedCategory] {
        var seen = Set(existing.map(\.term))
        var categories: [FeedCategory] = []
        for keyword in text.split(separator: ",") {
            let term = keyword.trimmingCharacters(in: .whitespaces)
            if !term.isEmpty, seen.insert(term).inserted {
                categories.append(FeedCategory(term: term, scheme: XMLNamespace.itunesScheme))
            }
        }
        return categories
    }

    /// `HTMLText.plainText` with no-break, em, en and thin spaces kept as written: they stand in for private-use
    /// characters while the text is reduced, which never collapses them.
    private static func plainTextKeepingSpaces(_ source: UnsafeBufferPointer<UInt8>) -> String {
        let kept: [Unicode.Scalar] = ["\u{00A0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202F}", "\u{2007}"]
        var masked = String(decoding: source, as: UTF8.self)
        for (offset, scalar) in kept.enumerated() {
            masked = masked.replacingOccurrences(
                of: String(Character(scalar)),
                with: String(Character(Unicode.Scalar(0xE000 + UInt32(offset))!))
            )
        }
        var text = HTMLText.plainText(masked)
        for (offset, scalar) in kept.enumerated() {
            text = text.replacingOccurrences(
                of: String(Character(Unicode.Scalar(0xE000 + UInt32(offset))!)),
                with: String(Character(scalar))
            )
        }
        return text
    }

    /// Text with runs of ASCII whitespace collapsed to one space and trimmed; other characters kept as they are.
    static func asciiCollapsed(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
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
