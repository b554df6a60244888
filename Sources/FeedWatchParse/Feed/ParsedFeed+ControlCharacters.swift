import FeedWatchCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last step of every parse: no string the parser hands on holds a control character.
///
/// A NUL (or another C0 control) in a JSON Feed `id`, or decoded from `&amp;#1;` in an HTML description, makes
/// PostgreSQL refuse the whole batch it arrives in, and means nothing to a reader. C1 controls (U+0080 to U+009F) are
/// what a numeric reference such as `&#146;` or a mislabelled Windows-1252 byte becomes; they are read as the
/// Windows-1252 characters they stand for (`’`), as HTML5 reads such references.
extension ParsedFeed {
    /// Removes C0 controls other than tab and line feed (a carriage return becomes a line feed, CR LF one line
    /// feed) and turns C1 controls into their Windows-1252 characters, in every string.
    mutating func removeControlCharacters() {
        removeControlCharactersFromFeedFields()
        for index in items.indices {
            ControlCharacters.clean(&items[index])
        }
    }

    /// `removeControlCharacters` for the feed's own fields, not its items (the XML builder cleans each item as it
    /// ends, while its strings are still in the cache).
    mutating func removeControlCharactersFromFeedFields() {
        ControlCharacters.clean(&title)
        ControlCharacters.clean(&link)
        ControlCharacters.clean(&titleDetail)
        ControlCharacters.clean(&subtitle)
        ControlCharacters.clean(&language)
        ControlCharacters.clean(&id)
        ControlCharacters.clean(&authors)
        ControlCharacters.clean(&categories)
    }
}

/// Finding and replacing control characters in the strings of parsed values.
enum ControlCharacters {
    /// Cleans the fields of an item that the XML builder fills from attributes and identifiers; its text fields were
    /// cleaned as they were captured (see `FeedBuilder.value(of:scratch:)`).
    static func cleanIdentifiersAndLinks(_ item: inout FeedItem) {
        clean(&item.id)
        clean(&item.link)
        for index in item.authors.indices {
            clean(&item.authors[index])
        }
        for index in item.categories.indices {
            clean(&item.categories[index])
        }
        clean(&item.authorDetails)
        clean(&item.categoryDetails)
        for index in item.enclosures.indices {
            clean(&item.enclosures[index].url)
            clean(&item.enclosures[index].type)
        }
        for index in item.thumbnails.indices {
            clean(&item.thumbnails[index])
        }
    }

    static func clean(_ item: inout FeedItem) {
        cleanIdentifiersAndLinks(&item)
        clean(&item.title)
        clean(&item.summary)
        clean(&item.content)
        clean(&item.titleDetail)
        clean(&item.summaryDetail)
        for index in item.contents.indices {
            clean(&item.contents[index].value)
            clean(&item.contents[index].type)
        }
    }

    static func clean(_ text: inout FeedText?) {
        guard var value = text, needsCleaning(value.value) || needsCleaning(value.type) else {
            return
        }
        clean(&value.value)
        clean(&value.type)
        text = value
    }

    static func clean(_ people: inout [FeedPerson]) {
        for index in people.indices {
            clean(&people[index].name)
            clean(&people[index].email)
            clean(&people[index].uri)
        }
    }

    static func clean(_ categories: inout [FeedCategory]) {
        for index in categories.indices {
            clean(&categories[index].term)
            clean(&categories[index].scheme)
            clean(&categories[index].label)
        }
    }

    static func clean(_ text: inout String?) {
        guard let value = text, needsCleaning(value) else {
            return
        }
        text = cleaned(value)
    }

    static func clean(_ text: inout String) {
        if needsCleaning(text) {
            text = cleaned(text)
        }
    }

    /// Whether the text has a C0 control other than tab and line feed, or a C1 control (`C2 80` to `C2 9F` in
    /// UTF-8). Thirty-two bytes at a time: a block with no byte below 0x20 other than tab and line feed, and none
    /// equal to 0xC2, needs no closer look (the flags may be set needlessly, never missed).
    static func needsCleaning(_ text: String) -> Bool {
        var source = text
        return source.withUTF8 { hasControl($0) }
    }

    /// `needsCleaning` on UTF-8 bytes.
    private static func hasControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else {
            return false
        }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index + 32 <= count {
            let flags =
                suspicious(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                | suspicious(raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                | suspicious(raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
                | suspicious(raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
            if flags != 0, isControl(bytes, in: index..<index + 32) {
                return true
            }
            index += 32
        }
        return isControl(bytes, in: index..<count)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit set in exactly the bytes of the word that are 0xC2, or below 0x20 but not tab or line feed. Each
    /// byte is computed on its own (no borrow crosses bytes), so a flag is never set or cleared by a neighbour.
    @inline(__always)
    private static func suspicious(_ word: UInt64) -> UInt64 {
        let atLeast20 = ((word & lowBits) &+ ones &* 0x60 | word) & highBits
        let below20 = ~atLeast20 & highBits
        guard below20 | (word & highBits) != 0 else {
            return 0
        }
        return (below20 & ~zeroBytes(word ^ (ones &* 0x09)) & ~zeroBytes(word ^ (ones &* 0x0A)))
            | zeroBytes(word ^ (ones &* 0xC2))
    }

    /// The high bit set in exactly the zero bytes of the word.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word) & highBits
    }

    /// Whether text (a capture's character data or serialized markup) may yield a control character once decoded:
    /// it holds one, or a numeric character reference (`&#1;` after XML decoding) that the HTML decoder will read as
    /// one.
    ///
    /// - Parameters:
    ///   - text: The UTF-8 text.
    ///   - checkingBytes: Whether the text itself may hold a control; `false` for character data of a document that
    ///     `documentMayHoldControls` cleared, where only references are looked for, with `memchr`.
    static func mayProduceControls(_ text: [UInt8], checkingBytes: Bool) -> Bool {
        text.withUnsafeBufferPointer { mayProduceControls($0, checkingBytes: checkingBytes) }
    }

    static func mayProduceControls(_ text: String, checkingBytes: Bool) -> Bool {
        var source = text
        return source.withUTF8 { mayProduceControls($0, checkingBytes: checkingBytes) }
    }

    private static func mayProduceControls(_ bytes: UnsafeBufferPointer<UInt8>, checkingBytes: Bool) -> Bool {
        if checkingBytes, hasControl(bytes) {
            return true
        }
        // References are rare in character data (XML's own were decoded already).
        return occurrences(of: UInt8(ascii: "&"), in: bytes) { index in
            index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "#") && isControlReference(bytes, at: index + 2)
        }
    }

    /// Whether the text of a document read strictly may hold a control character: XML allows no C0 control in it
    /// but tab, line feed and carriage return, and turns a carriage return written as such into a line feed, so only
    /// a C1 control written as UTF-8 (`C2 80` to `C2 9F`) or a character reference to a control (`&#13;`, `&#x85;`)
    /// can bring one. Two `memchr` scans, for `0xC2` and `#`.
    ///
    /// - Parameter document: The UTF-8 document libxml2 reads.
    /// - Returns: `false` when no string read from it can hold a control, before HTML decoding.
    static func documentMayHoldControls(_ document: Data) -> Bool {
        document.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let hasC1 = occurrences(of: 0xC2, in: bytes) { index in
                index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1])
            }
            return hasC1
                || occurrences(of: UInt8(ascii: "#"), in: bytes) { index in
                    index > 0 && bytes[index - 1] == UInt8(ascii: "&") && isControlReference(bytes, at: index + 1)
                }
        }
    }

    /// Whether any occurrence of `byte` satisfies `test`, found with `memchr`.
    private static func occurrences(
        of byte: UInt8,
        in bytes: UnsafeBufferPointer<UInt8>,
        where test: (Int) -> Bool
    ) -> Bool {
        guard let base = bytes.baseAddress else {
            return false
        }
        var index = 0
        while index < bytes.count, let found = memchr(base + index, Int32(byte), bytes.count - index) {
            let position = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if test(position) {
                return true
            }
            index = position + 1
        }
        return false
    }

    /// Whether the numeric reference whose digits start at `start` (`&#1;`, `&#x85;`) stands for a control.
    private static func isControlReference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = start
        var radix: UInt32 = 10
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            index += 1
        }
        var value: UInt32 = 0
        var digits = 0
        digitsLoop: while index < bytes.count, digits < 8 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: break digitsLoop
            }
            value = value * radix + digit
            digits += 1
            index += 1
        }
        // No digits at all (`&#;`) reads as 0: cleaning then costs a scan and changes nothing.
        return value < 0x20 && value != 0x09 && value != 0x0A || (0x80...0x9F).contains(value)
    }

    /// Whether a control character starts within `range`.
    private static func isControl(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        for index in range {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A {
                return true
            }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                return true
            }
        }
        return false
    }

    /// The text with C0 controls removed (CR becoming LF) and C1 controls read as Windows-1252.
    static func cleaned(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x09, 0x0A:
                output.append(scalar)
            case 0x0D:
                if index + 1 >= scalars.count || scalars[index + 1] != "\n" {
                    output.append("\n")
                }
            case 0x00..<0x20:
                continue
            case 0x80...0x9F:
                let mapped = windows1252[Int(scalar.value) - 0x80]
                if mapped != 0, let character = Unicode.Scalar(mapped) {
                    output.append(character)
                }
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Windows-1252's characters for 0x80 to 0x9F; 0 where it has none (those bytes are dropped).
    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
        0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0, 0x017E, 0x0178,
    ]
}
