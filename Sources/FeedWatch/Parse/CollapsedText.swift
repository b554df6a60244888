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
        if Self.isClean(input) {
            // The common case: words separated by single spaces, nothing to collapse inside.
            if pendingSpace || (input.first == 0x20 && !bytes.isEmpty) {
                bytes.append(0x20)
            }
            let trimmed = UnsafeBufferPointer(rebasing: input[(input.first == 0x20 ? 1 : 0)...])
            if trimmed.last == 0x20 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: trimmed.dropLast()))
                pendingSpace = !bytes.isEmpty
            } else {
                bytes.append(contentsOf: trimmed)
                pendingSpace = false
            }
            return
        }
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

    /// Whether text has no whitespace but single ASCII spaces (none doubled) and no byte that could start a
    /// non-ASCII whitespace character, so that it can be copied as it is.
    private static func isClean(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !input.isEmpty else {
            return false
        }
        var previousSpace = false
        for byte in input {
            if byte == 0x20 {
                if previousSpace {
                    return false
                }
                previousSpace = true
                continue
            }
            previousSpace = false
            if byte < 0x20 || byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3) {
                return false
            }
        }
        return input.count > 1 || input[0] != 0x20
    }
}
