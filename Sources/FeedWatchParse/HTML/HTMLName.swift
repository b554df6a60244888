/// A lower-case HTML element or attribute name packed into integers, so that it can be compared and looked up
/// without building a `String`.
///
/// Names of up to 16 bytes are stored exactly (every name the sanitizer or the text extractor treats specially is
/// that short). Longer names keep their first 16 bytes, their length and a hash of the whole name, which is enough
/// to match the end tag of a long custom element to its start tag.
struct HTMLName: Hashable, Sendable {
    /// Bytes 0–7 of the name, little-endian.
    private(set) var low: UInt64 = 0
    /// Bytes 8–15 of the name, little-endian.
    private(set) var high: UInt64 = 0
    /// A hash of the bytes after the sixteenth; zero for shorter names.
    private var tail: UInt64 = 0
    /// The length of the name in bytes.
    private(set) var count = 0

    /// The name of the bytes, with ASCII upper-case letters lowered.
    ///
    /// - Parameter bytes: The name as it appears in the source.
    init(lowercasing bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        /// The byte with ASCII upper-case letters lowered.
        func lowered(_ byte: UInt8) -> UInt64 {
            UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        for index in 0..<min(count, 8) {
            low |= lowered(bytes[index]) << (UInt64(index) * 8)
        }
        if count > 8 {
            for index in 8..<min(count, 16) {
                high |= lowered(bytes[index]) << (UInt64(index - 8) * 8)
            }
        }
        if count > 16 {
            for index in 16..<count {
                tail = (tail ^ lowered(bytes[index])) &* 0x100_0000_01B3
            }
        }
    }

    /// The name of a string, lowered.
    ///
    /// - Parameter name: The name.
    init(_ name: String) {
        var source = name
        self = source.withUTF8 { HTMLName(lowercasing: $0) }
    }

    /// Appends the name's bytes (lower-case) to a buffer; only the first 16 bytes of a longer name.
    ///
    /// - Parameter output: The buffer.
    func append(to output: inout TextBuffer) {
        output.append(packed: low, high, count: min(count, 16))
    }
}
