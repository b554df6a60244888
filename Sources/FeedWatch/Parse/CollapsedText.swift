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

    /// Reserves room for `capacity` bytes of text.
    ///
    /// - Parameter capacity: The expected length in bytes.
    mutating func reserveCapacity(_ capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends text, collapsing its whitespace.
    ///
    /// - Parameter text: The text.
    mutating func append(_ text: String) {
        var source = text
        source.withUTF8 { append($0) }
    }

    /// Appends UTF-8 text, collapsing its whitespace.
    ///
    /// - Parameter input: The text as UTF-8.
    mutating func append(_ input: UnsafeBufferPointer<UInt8>) {
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            if byte > 0x20 && byte < 0x80 {
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                // Copy the whole run of visible ASCII, single spaces between words included, at once.
                var end = index + 1
                while end < count {
                    let next = input[end]
                    if next > 0x20 && next < 0x80 {
                        end += 1
                    } else if next == 0x20, end + 1 < count, input[end + 1] > 0x20, input[end + 1] < 0x80 {
                        end += 2
                    } else {
                        break
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                index = end
                continue
            }
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
            bytes.append(byte)
            index += 1
        }
    }
}
