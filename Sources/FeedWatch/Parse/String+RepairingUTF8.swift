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
}
