/// Fast trimming for the parser's hot paths, without Foundation's `CharacterSet` bridging.
extension String {
    /// The text without leading and trailing ASCII whitespace (space, tab, line feed, carriage return, form feed).
    var trimmedASCIIWhitespace: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !Self.isASCIIWhitespace($0) }),
            let last = utf8.lastIndex(where: { !Self.isASCIIWhitespace($0) })
        else {
            return ""
        }
        let end = utf8.index(after: last)
        if first == utf8.startIndex && end == utf8.endIndex {
            return self
        }
        // The bounds are scalar boundaries (ASCII whitespace lies outside them), so the bytes are copied as they are,
        // without validating them again.
        return String(Substring(utf8[first..<end]))
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
