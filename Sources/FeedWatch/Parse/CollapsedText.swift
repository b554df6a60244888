/// Plain text built piece by piece with whitespace collapsed on the fly: every run of whitespace (and every element
/// boundary) becomes one space, with none at the start.
struct CollapsedText {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    /// The text so far, trimmed.
    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Marks a word boundary, as a block element does.
    mutating func boundary() {
        pendingSpace = !bytes.isEmpty
    }

    /// Appends text, collapsing its whitespace.
    ///
    /// - Parameter text: The text.
    mutating func append(_ text: String) {
        var source = text
        source.withUTF8 { input in
            var index = 0
            while index < input.count {
                let byte = input[index]
                let length =
                    byte < 0x80
                    ? (byte == 0x20 || (0x09...0x0D).contains(byte) || byte == 0 ? 1 : 0)
                    : HTMLText.whitespaceLength(input, at: index)
                if length > 0 {
                    pendingSpace = !bytes.isEmpty
                    index += length
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                // Copy the whole run of ASCII non-space bytes at once.
                var end = index + 1
                while end < input.count, input[end] > 0x20, input[end] < 0x80 {
                    end += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                index = end
            }
        }
    }
}
