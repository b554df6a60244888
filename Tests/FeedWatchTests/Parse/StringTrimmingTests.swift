import Testing

@testable import FeedWatchParse

/// `trimmedASCIIWhitespace` returns the string itself when there is nothing to trim and slices it otherwise; these
/// tests compare it with a byte-by-byte definition, combining marks and other non-ASCII text at the edges included.
@Suite("ASCII whitespace trimming")
struct StringTrimmingTests {
    private static func reference(_ text: String) -> String {
        let isWhitespace: (UInt8) -> Bool = { [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
            let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    @Test(
        "matches the byte-by-byte definition",
        arguments: [
            "", " ", " \t\r\n\u{0C}", "a", " a", "a ", "  a b  ", "\u{301}", " \u{301} ", "e\u{301}", "\te\u{301}\n",
            "\u{A0}x\u{A0}", " \u{1F600} ", "https://example.org/ ", "\n\n<p>é</p>\n",
        ]
    )
    func matchesReference(_ text: String) {
        let trimmed = text.trimmedASCIIWhitespace
        #expect(trimmed == Self.reference(text))
        #expect(Array(trimmed.utf8) == Array(Self.reference(text).utf8))
    }
}
