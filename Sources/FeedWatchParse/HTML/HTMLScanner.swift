import Foundation

/// A fast, forgiving HTML tokenizer for the fragments feeds carry, feeding an `HTMLVisitor`.
///
/// It works on UTF-8 bytes in one pass and builds no tree and no strings: start tags (with attributes), end tags and
/// decoded text go to the visitor as bytes as they come. Comments, doctypes and processing instructions are skipped; the content of
/// `script`, `style`, `textarea`, `title` and similar raw-text elements is never read as markup. The visitor always
/// sees balanced elements: an end tag closes the elements opened after its start tag, an end tag with no open
/// element is ignored, and whatever is still open at the end is closed. Elements the visitor declines (`open`
/// returns `false`) are skipped with all their content.
struct HTMLScanner {
    /// Elements whose content is text up to their end tag, never markup.
    static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    ]

    /// Elements that never have content, so never stay open.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// The deepest nesting passed on to the visitor; deeper start tags are treated as text-less and closed at once.
    fileprivate static let maxDepth = 512

    /// Scans an HTML fragment.
    ///
    /// - Parameters:
    ///   - html: The HTML source.
    ///   - visitor: Receives the elements and text.
    static func scan<Visitor: HTMLVisitor & ~Copyable>(_ html: String, visitor: inout Visitor) {
        var source = html
        source.withUTF8 { scan($0, visitor: &visitor) }
    }

    /// Scans an HTML fragment given as UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - html: The HTML source.
    ///   - visitor: Receives the elements and text.
    static func scan<Visitor: HTMLVisitor & ~Copyable>(_ html: UnsafeBufferPointer<UInt8>, visitor: inout Visitor) {
        var scanner = Cursor(bytes: html)
        scanner.run(visitor: &visitor)
    }

    private struct Cursor: ~Copyable {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// The open elements the visitor accepted, innermost last.
        var open: [HTMLTag] = []
        /// The declined element being skipped, and how many elements of its name are open inside it.
        var skipping: (name: HTMLName, depth: Int)?
        /// Decoded text, or the decoded attribute values of the current start tag.
        var scratch = TextBuffer()
        /// The attributes of the current start tag, their values in `scratch`.
        var attributes: [HTMLAttributes.Entry] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func run<Visitor: HTMLVisitor & ~Copyable>(visitor: inout Visitor) {
            var textStart = 0
            while position < bytes.count {
                guard let less = index(of: UInt8(ascii: "<"), from: position, to: bytes.count),
                    less + 1 < bytes.count
                else {
                    position = bytes.count
                    break
                }
                let next = bytes[less + 1]
                let isTag =
                    isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
                    || next == UInt8(ascii: "?")
                guard isTag else {
                    position = less + 1
                    continue
                }
                position = less
                emitText(from: textStart, to: position, visitor: &visitor)
                markup(visitor: &visitor)
                textStart = position
            }
            emitText(from: textStart, to: bytes.count, visitor: &visitor)
            while let tag = open.popLast() {
                visitor.close(tag)
            }
        }

        /// Reads one piece of markup starting at `<`.
        private mutating func markup<Visitor: HTMLVisitor & ~Copyable>(visitor: inout Visitor) {
            let next = bytes[position + 1]
            if next == UInt8(ascii: "!") {
                if matches("<!--", at: position) {
                    position = end(of: "-->", from: position + 4)
                } else {
                    position = end(of: ">", from: position + 2)
                }
            } else if next == UInt8(ascii: "?") {
                position = end(of: ">", from: position + 2)
            } else if next == UInt8(ascii: "/") {
                position += 2
                let name = readName()
                position = end(of: ">", from: position)
                endTag(name, visitor: &visitor)
            } else {
                position += 1
                startTag(visitor: &visitor)
            }
        }

        private mutating func startTag<Visitor: HTMLVisitor & ~Copyable>(visitor: inout Visitor) {
            let tag = HTMLTag(readName())
            scratch.removeAll()
            // `removeAll(keepingCapacity:)` costs a generic range replacement even on an empty array.
            if !attributes.isEmpty {
                attributes.removeAll(keepingCapacity: true)
            }
            var selfClosing = false
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: ">") {
                    position += 1
                    break
                }
                if byte == UInt8(ascii: "/") {
                    selfClosing = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: ">")
                    position += 1
                    continue
                }
                if isSpace(byte) {
                    position += 1
                    continue
                }
                readAttribute(keep: skipping == nil)
            }
            if tag.kind.contains(.rawText) {
                let contentStart = position
                let contentEnd = rawTextEnd(tag.name)
                if skipping == nil, accepts(tag, visitor: &visitor) {
                    emitText(from: contentStart, to: contentEnd, visitor: &visitor, decode: false)
                    visitor.close(tag)
                }
                return
            }
            let isEmpty = selfClosing || tag.kind.contains(.empty)
            if var skip = skipping {
                if skip.name == tag.name && !isEmpty {
                    skip.depth += 1
                    skipping = skip
                }
                return
            }
            guard accepts(tag, visitor: &visitor) else {
                if !isEmpty {
                    skipping = (tag.name, 1)
                }
                return
            }
            if isEmpty || open.count >= HTMLScanner.maxDepth {
                visitor.close(tag)
            } else {
                open.append(tag)
            }
        }

        /// Offers a start tag with the attributes just read to the visitor.
        ///
        /// `mutating` although it changes nothing: the closures then reach the cursor in place, where a
        /// non-mutating method's closures would copy it.
        private mutating func accepts<Visitor: HTMLVisitor & ~Copyable>(_ tag: HTMLTag, visitor: inout Visitor) -> Bool
        {
            attributes.withUnsafeBufferPointer { entries in
                scratch.withBytes { values in
                    visitor.open(tag, attributes: HTMLAttributes(bytes: values, entries: entries))
                }
            }
        }

        private mutating func endTag<Visitor: HTMLVisitor & ~Copyable>(_ name: HTMLName, visitor: inout Visitor) {
            if var skip = skipping {
                if skip.name == name {
                    skip.depth -= 1
                    skipping = skip.depth == 0 ? nil : skip
                }
                return
            }
            guard let index = open.lastIndex(where: { $0.name == name }) else {
                return
            }
            while open.count > index {
                visitor.close(open.removeLast())
            }
        }

        /// Skips a raw-text element's content and end tag; returns where the content ends.
        private mutating func rawTextEnd(_ name: HTMLName) -> Int {
            var index = position
            while let less = self.index(of: UInt8(ascii: "<"), from: index, to: bytes.count) {
                if less + 1 < bytes.count, bytes[less + 1] == UInt8(ascii: "/") {
                    var cursor = Cursor(bytes: bytes)
                    cursor.position = less + 2
                    if cursor.readName() == name {
                        position = end(of: ">", from: cursor.position)
                        return less
                    }
                }
                index = less + 1
            }
            position = bytes.count
            return bytes.count
        }

        /// Reads `name`, `name=value`, `name="value"` or `name='value'`; when `keep` is set, records the name
        /// (lower-case) and appends the decoded value to `scratch`.
        private mutating func readAttribute(keep: Bool) {
            let nameStart = position
            while position < bytes.count {
                let byte = bytes[position]
                if isSpace(byte) || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                {
                    break
                }
                position += 1
            }
            if position == nameStart {
                position += 1
                return
            }
            let nameEnd = position
            var valueStart = 0
            var valueEnd = 0
            var probe = position
            while probe < bytes.count, isSpace(bytes[probe]) {
                probe += 1
            }
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "=") {
                position = probe + 1
                while position < bytes.count, isSpace(bytes[position]) {
                    position += 1
                }
                if position < bytes.count {
                    let quote = bytes[position]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        valueStart = position + 1
                        valueEnd = index(of: quote, from: valueStart, to: bytes.count) ?? bytes.count
                        position = min(valueEnd + 1, bytes.count)
                    } else {
                        valueStart = position
                        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                            position += 1
                        }
                        valueEnd = position
                    }
                }
            }
            guard keep else {
                return
            }
            let name = HTMLName(lowercasing: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
            let decodedStart = scratch.count
            decodeIntoScratch(valueStart, valueEnd)
            attributes.append(HTMLAttributes.Entry(name: name, value: decodedStart..<scratch.count))
        }

        private mutating func readName() -> HTMLName {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") else {
                    break
                }
                position += 1
            }
            return HTMLName(lowercasing: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        }

        private mutating func emitText<Visitor: HTMLVisitor & ~Copyable>(
            from start: Int,
            to end: Int,
            visitor: inout Visitor,
            decode shouldDecode: Bool = true
        ) {
            guard end > start, skipping == nil else {
                return
            }
            guard shouldDecode, index(of: UInt8(ascii: "&"), from: start, to: end) != nil else {
                visitor.text(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                return
            }
            scratch.removeAll()
            decodeIntoScratch(start, end)
            scratch.withBytes { visitor.text($0) }
        }

        /// Appends the text of `start..<end` to `scratch` with character references decoded.
        private mutating func decodeIntoScratch(_ start: Int, _ end: Int) {
            var index = start
            while index < end {
                guard let ampersand = self.index(of: UInt8(ascii: "&"), from: index, to: end) else {
                    scratch.append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    return
                }
                scratch.append(UnsafeBufferPointer(rebasing: bytes[index..<ampersand]))
                let slice = UnsafeBufferPointer(rebasing: bytes[..<end])
                guard let (scalar, length) = HTMLEntities.reference(in: slice, at: ampersand) else {
                    scratch.append(UInt8(ascii: "&"))
                    index = ampersand + 1
                    continue
                }
                UTF8.encode(scalar) { scratch.append($0) }
                index = ampersand + length
            }
        }

        /// The position of the first `byte` in `start..<end`, found with `memchr`.
        private func index(of byte: UInt8, from start: Int, to end: Int) -> Int? {
            guard start < end, let base = bytes.baseAddress else {
                return nil
            }
            guard let found = memchr(base + start, Int32(byte), end - start) else {
                return nil
            }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }

        private func matches(_ literal: StaticString, at index: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else {
                return false
            }
            return (0..<count).allSatisfy { bytes[index + $0] == literal.utf8Start[$0] }
        }

        /// The position just after the next `terminator` at or after `start`, or the end of the input.
        private func end(of terminator: StaticString, from start: Int) -> Int {
            var index = start
            while let candidate = self.index(of: terminator.utf8Start[0], from: index, to: bytes.count) {
                if matches(terminator, at: candidate) {
                    return candidate + terminator.utf8CodeUnitCount
                }
                index = candidate + 1
            }
            return bytes.count
        }

        private func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }

        private func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        }
    }
}
