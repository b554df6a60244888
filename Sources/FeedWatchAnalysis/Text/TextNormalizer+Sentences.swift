import Foundation

extension TextNormalizer.ScannedText {
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

    /// Whether the scalar at `index` ends a sentence: `!`, `?`, a line break, or a `.` that is not inside a word
    /// or number and not followed by a lower-case word.
    private func isSentenceEnd(at index: Int) -> Bool {
        switch scalars[index].value {
        case 0x2E: break
        case 0x21, 0x3F, 0x0A, 0x0D: return true
        default: return false
        }
        guard index > 0, index + 1 < scalars.count else {
            return true
        }
        var next = index + 1
        while next < scalars.count, scalars[next] == " " {
            next += 1
        }
        if next > index + 1, next < scalars.count, Self.isLowercase(scalars[next]) {
            return false
        }
        return !(Self.isWordPart(scalars[index - 1]) && Self.isWordPart(scalars[index + 1]))
    }

    /// Whether a scalar is a lower-case letter; ASCII needs no Unicode property lookup.
    private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : scalar.properties.isLowercase
    }

    /// Whether a scalar is a letter or a number; ASCII needs no Unicode property lookup.
    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else {
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
        let value = scalar.value
        return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
    }
}
