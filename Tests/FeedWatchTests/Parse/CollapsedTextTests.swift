import Testing

@testable import FeedWatchParse

/// `CollapsedText` and `HTMLSanitizer.escape` skip eight bytes at a time; these tests compare them with plain
/// byte-by-byte definitions on text built so that spaces, tabs, markup characters and non-ASCII bytes fall at every
/// offset of a word.
@Suite("Collapsed text and escaping")
struct CollapsedTextTests {
    /// Pieces whose mixes put every kind of byte at every position of an eight-byte word.
    private static let pieces = [
        "a", "bc", "defgh", " ", "  ", "\t", "\n", "&", "<", ">", "\"", "é", "\u{A0}", "—", "x y",
    ]

    /// Deterministic texts made of `pieces`.
    private static func texts() -> [String] {
        var state: UInt64 = 0x5EED
        var texts: [String] = []
        for length in 0..<400 {
            var text = ""
            for _ in 0..<(length % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            texts.append(text)
        }
        return texts
    }

    /// Whitespace collapsing as the definition says: runs of whitespace become one space, none at either end.
    private static func collapsedReference(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Escaping as the definition says, one character at a time.
    private static func escapedReference(_ text: String, quotes: Bool) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }

    @Test func collapsesWhitespaceLikeTheDefinition() {
        for text in Self.texts() {
            var collapsed = CollapsedText()
            collapsed.append(text)
            #expect(collapsed.string == Self.collapsedReference(text), "\(Array(text.utf8))")
        }
    }

    @Test(arguments: [false, true])
    func escapesLikeTheDefinition(quotes: Bool) {
        for text in Self.texts() {
            #expect(HTMLSanitizer.escape(text, quotes: quotes) == Self.escapedReference(text, quotes: quotes))
        }
    }

    @Test(arguments: [[0x61, 0xFF, 0x62], [0xE2, 0x80], [0x68, 0xC3, 0xA9, 0xE2, 0x80, 0x94], [] as [UInt8]])
    func buildsStringsLikeStringDecoding(bytes: [UInt8]) {
        #expect(String(repairingUTF8: bytes) == String(decoding: bytes, as: UTF8.self))
    }
}
