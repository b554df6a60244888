/// A fast, forgiving HTML tokenizer for the fragments feeds carry, feeding an `HTMLVisitor`.
///
/// It works on UTF-8 bytes in one pass and builds no tree: start tags (with attributes), end tags and decoded text
/// go to the visitor as they come. Comments, doctypes and processing instructions are skipped; the content of
/// `script`, `style`, `textarea`, `title` and similar raw-text elements is never read as markup. The visitor always
/// sees balanced elements: an end tag closes the elements opened after its start tag, an end tag with no open
/// element is ignored, and whatever is still open at the end is closed. Elements the visitor declines (`open`
/// returns `false`) are skipped with all their content.
struct HTMLScanner {
    /// Elements whose content is text up to their end tag, never markup.
    fileprivate static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    ]

    /// Elements that never have content, so never stay open.
    fileprivate static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// The deepest nesting passed on to the visitor; deeper start tags are treated as text-less and closed at once.
    fileprivate static let maxDepth = 512

    /// Scans an HTML fragment.
    ///
    /// - Parameters:
    ///   - html: The HTML source.
    ///   - visitor: Receives the elements and text.
    static func scan<Visitor: HTMLVisitor>(_ html: String, visitor: inout Visitor) {
        var source = html
        source.withUTF8 { bytes in
            var scanner = Cursor(bytes: bytes)
            scanner.run(visitor: &visitor)
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// The open elements the visitor accepted, innermost last.
        var open: [String] = []
        /// The declined element being skipped, and how many elements of its name are open inside it.
        var skipping: (name: String, depth: Int)?

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func run<Visitor: HTMLVisitor>(visitor: inout Visitor) {
            var textStart = 0
            while position < bytes.count {
                guard bytes[position] == UInt8(ascii: "<"), position + 1 < bytes.count else {
                    position += 1
                    continue
                }
                let next = bytes[position + 1]
                let isTag =
                    isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
                    || next == UInt8(ascii: "?")
                guard isTag else {
                    position += 1
                    continue
                }
                emitText(from: textStart, to: position, visitor: &visitor)
                markup(visitor: &visitor)
                textStart = position
            }
            emitText(from: textStart, to: bytes.count, visitor: &visitor)
            while let name = open.popLast() {
                visitor.close(name)
            }
        }

        /// Reads one piece of markup starting at `<`.
        private mutating func markup<Visitor: HTMLVisitor>(visitor: inout Visitor) {
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

        private mutating func startTag<Visitor: HTMLVisitor>(visitor: inout Visitor) {
            let name = readName()
            var attributes: [(name: String, value: String)] = []
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
                if let attribute = readAttribute(), skipping == nil {
                    attributes.append(attribute)
                }
            }
            if HTMLScanner.rawTextElements.contains(name) {
                let contentStart = position
                let contentEnd = rawTextEnd(name)
                if skipping == nil, visitor.open(name, attributes: attributes) {
                    emitText(from: contentStart, to: contentEnd, visitor: &visitor, decode: false)
                    visitor.close(name)
                }
                return
            }
            if var skip = skipping {
                if skip.name == name && !selfClosing && !HTMLScanner.voidElements.contains(name) {
                    skip.depth += 1
                    skipping = skip
                }
                return
            }
            guard visitor.open(name, attributes: attributes) else {
                if !selfClosing && !HTMLScanner.voidElements.contains(name) {
                    skipping = (name, 1)
                }
                return
            }
            if selfClosing || HTMLScanner.voidElements.contains(name) || open.count >= HTMLScanner.maxDepth {
                visitor.close(name)
            } else {
                open.append(name)
            }
        }

        private mutating func endTag<Visitor: HTMLVisitor>(_ name: String, visitor: inout Visitor) {
            if var skip = skipping {
                if skip.name == name {
                    skip.depth -= 1
                    skipping = skip.depth == 0 ? nil : skip
                }
                return
            }
            guard let index = open.lastIndex(of: name) else {
                return
            }
            while open.count > index {
                visitor.close(open.removeLast())
            }
        }

        /// Skips a raw-text element's content and end tag; returns where the content ends.
        private mutating func rawTextEnd(_ name: String) -> Int {
            var index = position
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                    var cursor = Cursor(bytes: bytes)
                    cursor.position = index + 2
                    if cursor.readName() == name {
                        position = end(of: ">", from: cursor.position)
                        return index
                    }
                }
                index += 1
            }
            position = bytes.count
            return bytes.count
        }

        /// Reads `name`, `name=value`, `name="value"` or `name='value'`; the name lower-case, the value decoded.
        private mutating func readAttribute() -> (name: String, value: String)? {
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
                return nil
            }
            let name = lowercased(nameStart, position)
            var probe = position
            while probe < bytes.count, isSpace(bytes[probe]) {
                probe += 1
            }
            guard probe < bytes.count, bytes[probe] == UInt8(ascii: "=") else {
                return (name, "")
            }
            position = probe + 1
            while position < bytes.count, isSpace(bytes[position]) {
                position += 1
            }
            guard position < bytes.count else {
                return (name, "")
            }
            let quote = bytes[position]
            let valueStart: Int
            let valueEnd: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                valueStart = position + 1
                var index = valueStart
                while index < bytes.count, bytes[index] != quote {
                    index += 1
                }
                valueEnd = index
                position = min(index + 1, bytes.count)
            } else {
                valueStart = position
                while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                    position += 1
                }
                valueEnd = position
            }
            return (name, decode(valueStart, valueEnd))
        }

        private mutating func readName() -> String {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") else {
                    break
                }
                position += 1
            }
            return lowercased(start, position)
        }

        private func emitText<Visitor: HTMLVisitor>(
            from start: Int,
            to end: Int,
            visitor: inout Visitor,
            decode shouldDecode: Bool = true
        ) {
            guard end > start, skipping == nil else {
                return
            }
            visitor.text(
                shouldDecode
                    ? decode(start, end)
                    : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            )
        }

        /// The text of `start..<end` with character references decoded.
        private func decode(_ start: Int, _ end: Int) -> String {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard let ampersand = slice.firstIndex(of: UInt8(ascii: "&")) else {
                return String(decoding: slice, as: UTF8.self)
            }
            var output = [UInt8]()
            output.reserveCapacity(slice.count)
            output.append(contentsOf: slice[..<ampersand])
            var index = ampersand
            while index < slice.count {
                let byte = slice[index]
                guard byte == UInt8(ascii: "&"), let (scalar, length) = HTMLEntities.reference(in: slice, at: index)
                else {
                    output.append(byte)
                    index += 1
                    continue
                }
                output.append(contentsOf: String(Character(scalar)).utf8)
                index += length
            }
            return String(decoding: output, as: UTF8.self)
        }

        private func lowercased(_ start: Int, _ end: Int) -> String {
            var hasUpper = false
            for index in start..<end where bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") {
                hasUpper = true
                break
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard hasUpper else {
                return String(decoding: slice, as: UTF8.self)
            }
            return String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
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
            while index < bytes.count {
                if matches(terminator, at: index) {
                    return index + terminator.utf8CodeUnitCount
                }
                index += 1
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
