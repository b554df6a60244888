import Foundation

extension TextNormalizer.ScannedText {
    /// The characters that end a sentence.
    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", "\n", "\r"]

    /// The sentence that holds a token, as written, with surrounding whitespace removed.
    ///
    /// A sentence runs from the character after the previous `.`, `!`, `?` or line break to the next one
    /// (included). A period between two letters or digits (`U.S.`, `3.5`) or followed by a lower-case word
    /// (`the U.S. draft`) does not end a sentence.
    ///
    /// - Parameter token: The index of a token in ``tokens``.
    /// - Returns: The sentence, or an empty string for an index out of range.
    func sentence(around token: Int) -> String {
        guard tokens.indices.contains(token) else {
            return ""
        }
        var start = tokens[token].range.lowerBound
        while start > 0, !isSentenceEnd(at: start - 1) {
            start -= 1
        }
        var end = tokens[token].range.upperBound
        while end < scalars.count, !isSentenceEnd(at: end) {
            end += 1
        }
        if end < scalars.count, scalars[end] != "\n", scalars[end] != "\r" {
            end += 1
        }
        while start < end, Self.isSpace(scalars[start]) {
            start += 1
        }
        while end > start, Self.isSpace(scalars[end - 1]) {
            end -= 1
        }
        return Self.string(scalars[start..<end])
    }

    /// A string from scalars, encoded to UTF-8 in one buffer (much cheaper than appending scalar by scalar).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
            || (scalar.value > 127 && scalar.properties.isWhitespace)
    }

    private func isSentenceEnd(at index: Int) -> Bool {
        let scalar = scalars[index]
        guard Self.sentenceEnds.contains(scalar) else {
            return false
        }
        guard scalar == ".", index > 0, index + 1 < scalars.count else {
            return true
        }
        var next = index + 1
        while next < scalars.count, scalars[next] == " " {
            next += 1
        }
        if next > index + 1, next < scalars.count, scalars[next].properties.isLowercase {
            return false
        }
        let before = scalars[index - 1].properties
        let after = scalars[index + 1].properties
        return !((before.isAlphabetic || before.numericType != nil) && (after.isAlphabetic || after.numericType != nil))
    }
}
