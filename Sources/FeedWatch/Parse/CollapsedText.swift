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
                let length = HTMLText.whitespaceLength(input, at: index)
                if length > 0 {
                    pendingSpace = !bytes.isEmpty
                    index += length
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(input[index])
                index += 1
            }
        }
    }
}
