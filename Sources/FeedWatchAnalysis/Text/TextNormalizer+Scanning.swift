import Foundation

extension TextNormalizer {
    /// One normalised token and where it came from.
    struct Token: Sendable, Equatable {
        /// The normalised text.
        var text: String
        /// The scalar offsets in the source that the token was read from.
        var range: Range<Int>
        /// Whether the token is the first of a sentence or clause (after `.`, `!`, `?`, `;`, `:` or a line break).
        var startsClause: Bool
    }

    /// A text together with its tokens, so that token ranges can be mapped back to the words as written.
    struct ScannedText: Sendable {
        /// The source's Unicode scalars.
        var scalars: [Unicode.Scalar]
        /// The tokens, in order.
        var tokens: [Token]

        /// The source text between the start of token `first` and the end of token `last`, as written.
        func original(from first: Int, through last: Int) -> String {
            guard tokens.indices.contains(first), tokens.indices.contains(last), first <= last else {
                return ""
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[tokens[first].range.lowerBound..<tokens[last].range.upperBound])
            return String(view)
        }

        /// Whether token `index` was written as a possessive (`deal's`, `truce’s`): its clitic was dropped.
        func isPossessive(_ index: Int) -> Bool {
            let range = tokens[index].range
            guard range.count >= 3 else {
                return false
            }
            let last = scalars[range.upperBound - 1]
            return (last == "s" || last == "S")
                && TextNormalizer.classify(scalars[range.upperBound - 2]) == .apostrophe
        }
    }

    private enum ScalarClass {
        case letter, digit, mark, period, comma, apostrophe, clauseBreak, separator
    }

    /// Splits a text into normalised tokens, remembering each token's source range and clause starts.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The scanned text.
    static func scan(_ text: String) -> ScannedText {
        var scanner = Scanner(scalars: scalars(of: text), sink: TokenList())
        scanner.run()
        return ScannedText(scalars: scanner.scalars, tokens: scanner.sink.tokens)
    }

    /// Appends the tokens of `text` to `bytes` separated by single spaces: the same bytes as joining
    /// ``tokens(_:)`` with spaces, without a `String` per token.
    ///
    /// - Parameters:
    ///   - text: Any text.
    ///   - bytes: Where the tokens' UTF-8 bytes go.
    /// - Returns: How many tokens were appended.
    static func appendJoinedTokens(of text: String, to bytes: inout [UInt8]) -> Int {
        var scanner = Scanner(scalars: scalars(of: text), sink: JoinedTokenBytes(bytes: bytes))
        bytes = []
        scanner.run()
        bytes = scanner.sink.bytes
        return scanner.sink.count
    }

    /// The Unicode scalars of `text`, decoded with one allocation.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        let utf8 = text.utf8
        let fast = utf8.withContiguousStorageIfAvailable { bytes -> [Unicode.Scalar]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
                for (index, byte) in bytes.enumerated() {
                    buffer.initializeElement(at: index, to: Unicode.Scalar(byte))
                }
                initialized = bytes.count
            }
        }
        if let fast, let scalars = fast {
            return scalars
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count)
        scalars.append(contentsOf: text.unicodeScalars)
        return scalars
    }

    /// Where a scanner's tokens go.
    private protocol TokenSink {
        /// Receives one token: its normalised UTF-8 bytes, its scalar range and whether it starts a clause.
        mutating func emit(_ text: [UInt8], range: Range<Int>, startsClause: Bool)
    }

    /// Keeps every token with its range, as ``ScannedText`` holds them.
    private struct TokenList: TokenSink {
        var tokens: [Token] = []

        mutating func emit(_ text: [UInt8], range: Range<Int>, startsClause: Bool) {
            tokens.append(Token(text: String(decoding: text, as: UTF8.self), range: range, startsClause: startsClause))
        }
    }

    /// Keeps only the tokens' bytes, joined by single spaces.
    private struct JoinedTokenBytes: TokenSink {
        var bytes: [UInt8]
        var count = 0

        mutating func emit(_ text: [UInt8], range: Range<Int>, startsClause: Bool) {
            if count > 0 {
                bytes.append(0x20)
            }
            bytes.append(contentsOf: text)
            count += 1
        }
    }

    private struct Scanner<Sink: TokenSink> {
        let scalars: [Unicode.Scalar]
        var sink: Sink
        /// The current token's normalised UTF-8 bytes, reused between tokens so a token costs one `String`.
        private var text: [UInt8] = []
        private var start = -1
        private var end = 0
        private var segmentLength = 0
        private var lastWasDigit = false
        private var joinedAcronym = false
        private var pendingClause = true

        init(scalars: [Unicode.Scalar], sink: Sink) {
            self.scalars = scalars
            self.sink = sink
        }

        mutating func run() {
            var index = 0
            let count = scalars.count
            while index < count {
                // A run of ASCII letters and digits, the bulk of most text, is appended in one go: the same state as
                // `appendWord` for each of its scalars.
                var end = index
                var lastIsDigit = false
                while end < count, let byte = Self.asciiWordByte(scalars[end]) {
                    text.append(byte.folded)
                    lastIsDigit = byte.isDigit
                    end += 1
                }
                if end > index {
                    if start < 0 {
                        start = index
                    }
                    self.end = end
                    segmentLength += end - index
                    lastWasDigit = lastIsDigit
                    index = end
                    continue
                }
                if scalars[index] == " " {
                    flush()
                    index += 1
                    continue
                }
                index = step(at: index)
            }
            flush()
        }

        /// An ASCII letter (lowercased) or digit, or `nil` for any other scalar.
        @inline(__always)
        private static func asciiWordByte(_ scalar: Unicode.Scalar) -> (folded: UInt8, isDigit: Bool)? {
            let value = scalar.value
            switch value {
            case 0x61...0x7A: return (UInt8(truncatingIfNeeded: value), false)
            case 0x41...0x5A: return (UInt8(truncatingIfNeeded: value + 0x20), false)
            case 0x30...0x39: return (UInt8(truncatingIfNeeded: value), true)
            default: return nil
            }
        }

        private mutating func step(at index: Int) -> Int {
            let scalar = scalars[index]
            switch TextNormalizer.classify(scalar) {
            case .letter:
                appendWord(scalar, at: index, isDigit: false)
            case .digit:
                appendWord(scalar, at: index, isDigit: true)
            case .mark:
                if start >= 0 {
                    end = index + 1
                }
            case .period:
                return period(at: index)
            case .comma:
                if !text.isEmpty, lastWasDigit, isClass(index + 1, .digit) {
                    return index + 1
                }
                flush()
            case .apostrophe:
                return apostrophe(at: index)
            case .clauseBreak:
                flush()
                pendingClause = true
            case .separator:
                flush()
            }
            return index + 1
        }

        private mutating func appendWord(_ scalar: Unicode.Scalar, at index: Int, isDigit: Bool) {
            if start < 0 {
                start = index
            }
            end = index + 1
            TextNormalizer.fold(scalar, into: &text)
            segmentLength += 1
            lastWasDigit = isDigit
        }

        private mutating func period(at index: Int) -> Int {
            if !text.isEmpty {
                if lastWasDigit, isClass(index + 1, .digit) {
                    text.append(0x2E)
                    return index + 1
                }
                let nextIsLetter = isClass(index + 1, .letter)
                let afterNextIsWord = isClass(index + 2, .letter) || isClass(index + 2, .digit)
                if segmentLength == 1, !lastWasDigit, nextIsLetter, !afterNextIsWord {
                    segmentLength = 0
                    joinedAcronym = true
                    return index + 1
                }
                if joinedAcronym, segmentLength == 1 {
                    end = index + 1
                    flush()
                    return index + 1
                }
            }
            flush()
            pendingClause = true
            return index + 1
        }

        private mutating func apostrophe(at index: Int) -> Int {
            guard !text.isEmpty, isClass(index + 1, .letter) else {
                flush()
                return index + 1
            }
            var suffixEnd = index + 1
            var suffix: [UInt8] = []
            while suffixEnd < scalars.count, TextNormalizer.classify(scalars[suffixEnd]) == .letter {
                TextNormalizer.fold(scalars[suffixEnd], into: &suffix)
                suffixEnd += 1
            }
            if suffix == [0x74], text.last == 0x6E {
                let stem = String(decoding: text.dropLast(), as: UTF8.self)
                let notStart = max(start, index - 1)
                text = Array(Self.expandNegatedStem(stem).utf8)
                end = notStart
                flush()
                sink.emit([0x6E, 0x6F, 0x74], range: notStart..<suffixEnd, startsClause: pendingClause)
                pendingClause = false
                return suffixEnd
            }
            if ["s", "re", "ve", "ll", "d", "m"].contains(String(decoding: suffix, as: UTF8.self)) {
                end = suffixEnd
                flush()
                return suffixEnd
            }
            return index + 1
        }

        private static func expandNegatedStem(_ stem: String) -> String {
            switch stem {
            case "ca": "can"
            case "wo": "will"
            case "sha": "shall"
            default: stem
            }
        }

        private func isClass(_ index: Int, _ wanted: ScalarClass) -> Bool {
            index < scalars.count && TextNormalizer.classify(scalars[index]) == wanted
        }

        private mutating func flush() {
            if !text.isEmpty {
                sink.emit(text, range: start..<max(start, end), startsClause: pendingClause)
                pendingClause = false
            }
            text.removeAll(keepingCapacity: true)
            start = -1
            segmentLength = 0
            lastWasDigit = false
            joinedAcronym = false
        }
    }

    @inline(__always)
    private static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x61...0x7A, 0x41...0x5A: return .letter
            case 0x30...0x39: return .digit
            case 0x2E: return .period
            case 0x2C: return .comma
            case 0x27: return .apostrophe
            case 0x21, 0x3F, 0x3B, 0x3A, 0x0A, 0x0D: return .clauseBreak
            default: return .separator
            }
        }
        switch value {
        case 0x2019, 0x02BC, 0x2018, 0xFF07: return .apostrophe
        case 0x2028, 0x2029, 0x0085, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x2026: return .clauseBreak
        case 0xFF0E: return .period
        case 0xFF0C: return .comma
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return .mark
        case .decimalNumber, .otherNumber: return .digit
        case .letterNumber: return .letter
        default: return properties.isAlphabetic ? .letter : .separator
        }
    }

    /// Appends the UTF-8 bytes of the normalised (compatibility-decomposed, case-folded, mark-free) form of a word
    /// scalar; ASCII, the common case, is one byte with no Unicode property lookup.
    @inline(__always)
    private static func fold(_ scalar: Unicode.Scalar, into text: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            text.append(UInt8(truncatingIfNeeded: (0x41...0x5A).contains(value) ? value + 0x20 : value))
            return
        }
        for decomposed in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
            let properties = decomposed.properties
            if properties.changesWhenCaseFolded {
                for folded in properties.uppercaseMapping.lowercased().unicodeScalars where isWordPart(folded) {
                    text.append(contentsOf: String(folded).utf8)
                }
            } else if isWordPart(decomposed) {
                text.append(contentsOf: String(decomposed).utf8)
            }
        }
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        switch classify(scalar) {
        case .letter, .digit: true
        default: false
        }
    }
}
