/// Plain text built piece by piece with whitespace collapsed on the fly: every run of whitespace (and every element
/// boundary) becomes one space, with none at the start.
struct CollapsedText: ~Copyable {
    private var bytes = TextBuffer()
    private var pendingSpace = false

    /// The text so far, trimmed. The text appended must have been valid UTF-8 (see `String(validUTF8:)`).
    var string: String {
        bytes.withBytes { String(validUTF8: $0) }
    }

    /// Empties the text, keeping its memory.
    mutating func removeAll() {
        bytes.removeAll()
        pendingSpace = false
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
                // Whole words where possible, then byte by byte through the word that stopped that, and again.
                var end = index + 1
                var inRun = true
                while inRun && end < count {
                    end = Self.visibleRunEnd(input, from: end)
                    let wordEnd = min(end + 8, count)
                    while end < wordEnd {
                        let next = input[end]
                        if next > 0x20 && next < 0x80 {
                            end += 1
                        } else if next == 0x20, end + 1 < count, input[end + 1] > 0x20, input[end + 1] < 0x80 {
                            end += 2
                        } else {
                            inRun = false
                            break
                        }
                    }
                }
                bytes.append(UnsafeBufferPointer(rebasing: input[index..<end]))
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

    /// Skips whole eight-byte words that `append` would copy as they are: every byte visible ASCII or a space, no
    /// two spaces in a row, and a space last only when visible ASCII follows it.
    ///
    /// The tests may flag a byte that is fine (a borrow from a lower byte), never miss one that is not; a flagged
    /// word just leaves the rest to the byte-by-byte loop.
    ///
    /// - Parameters:
    ///   - input: The text as UTF-8.
    ///   - start: A position just after a visible ASCII byte.
    /// - Returns: The position after the last whole word skipped, or `start`.
    private static func visibleRunEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = input.baseAddress else {
            return start
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var end = start
        while end + 8 <= input.count {
            let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
            let controlOrHigh = (word | ((word &- spaces) & ~word)) & highBits
            let spaceBytes = word ^ spaces
            let space = (spaceBytes &- ones) & ~spaceBytes & highBits
            guard controlOrHigh == 0, space & (space << 8) == 0 else {
                break
            }
            // A last space is kept when visible ASCII follows it.
            if space >> 63 != 0 {
                guard end + 8 < input.count, input[end + 8] > 0x20, input[end + 8] < 0x80 else {
                    break
                }
            }
            end += 8
        }
        return end
    }
}
