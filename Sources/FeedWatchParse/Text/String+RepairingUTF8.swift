/// Strings from the parser's UTF-8 buffers.
extension String {
    /// Creates a string from UTF-8 bytes, replacing invalid sequences with U+FFFD as `String(decoding:as:)` does.
    ///
    /// The parser's buffers are valid UTF-8 (libxml2 checked the document), and `UTF8Span`'s validation is faster
    /// than the one behind `String(decoding:as:)` on text that is not pure ASCII; invalid bytes still take the
    /// repairing path.
    ///
    /// - Parameter bytes: The UTF-8 bytes.
    init(repairingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if #available(macOS 26, *), let text = try? UTF8Span(validating: bytes.span) {
            self = String(copying: text)
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Creates a string from an array of UTF-8 bytes, as `init(repairingUTF8:)` does.
    ///
    /// - Parameter bytes: The UTF-8 bytes.
    init(repairingUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(repairingUTF8: $0) }
    }

    /// Creates a string from UTF-8 bytes known to be valid, without validating them again.
    ///
    /// For the HTML scanner's outputs: they are pieces of a valid UTF-8 source cut at ASCII bytes, ASCII markup and
    /// encoded scalars, so valid whenever the source is, and the parser's sources are (`DocumentDecoder` and libxml2
    /// checked the document). Debug builds check the bytes anyway.
    ///
    /// - Parameter bytes: Valid UTF-8.
    init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "the parser produced invalid UTF-8")
        if #available(macOS 26, *) {
            self = String(copying: UTF8Span(unchecked: bytes.span))
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Creates a string from an array of UTF-8 bytes known to be valid, as `init(validUTF8:)` does.
    ///
    /// - Parameter bytes: Valid UTF-8.
    init(validUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
    }
}
