/// Fast trimming for the parser's hot paths, without Foundation's `CharacterSet` bridging.
extension String {
    /// The text without leading and trailing ASCII whitespace (space, tab, line feed, carriage return, form feed).
    var trimmedASCIIWhitespace: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isASCIIWhitespace }),
            let last = utf8.lastIndex(where: { !$0.isASCIIWhitespace })
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
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing ASCII whitespace, as ``Swift/String/trimmedASCIIWhitespace`` trims.
    func trimmingASCIIWhitespace() -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        while start < end, self[start].isASCIIWhitespace {
            start += 1
        }
        while end > start, self[end - 1].isASCIIWhitespace {
            end -= 1
        }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension UInt8 {
    /// Whether the byte is ASCII whitespace as the parser trims it: space, tab, line feed, carriage return, form feed.
    var isASCIIWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0C
    }
}
