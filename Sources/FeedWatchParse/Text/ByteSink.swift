/// Somewhere bytes can be appended: a `TextBuffer`, or an array of bytes.
protocol ByteSink: ~Copyable {
    /// Appends bytes.
    ///
    /// - Parameter bytes: The bytes.
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension TextBuffer: ByteSink {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(bytes)
    }
}

extension Array: ByteSink where Element == UInt8 {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}
