import Foundation
import Testing

@testable import FeedWatchParse

/// `DocumentDecoder.isValidUTF8` skips ASCII 32 and 8 bytes at a time; these tests cover every length around those
/// steps, so that a skip ending exactly at the end of the input reads nothing past it.
@Suite("UTF-8 validation")
struct DocumentDecoderUTF8Tests {
    @Test("ASCII of every length up to 100 bytes is valid")
    func asciiLengths() {
        for length in 0...100 {
            let data = Data(repeating: UInt8(ascii: "a"), count: length)
            #expect(DocumentDecoder.isValidUTF8(data[...]), "length \(length)")
        }
    }

    @Test("a two-byte character after ASCII of every length is valid, its lead byte alone is not")
    func multibyteAfterASCII() {
        for length in 0...70 {
            let ascii = Array(repeating: UInt8(ascii: "a"), count: length)
            #expect(DocumentDecoder.isValidUTF8(Data(ascii + [0xC3, 0xA9])[...]), "length \(length)")
            #expect(!DocumentDecoder.isValidUTF8(Data(ascii + [0xC3])[...]), "length \(length)")
        }
    }

    @Test("an invalid byte is found at every position of a 64-byte text")
    func invalidByteAnywhere() {
        for position in 0..<64 {
            var bytes = Array(repeating: UInt8(ascii: "a"), count: 64)
            bytes[position] = 0xFF
            #expect(!DocumentDecoder.isValidUTF8(Data(bytes)[...]), "position \(position)")
        }
    }
}
