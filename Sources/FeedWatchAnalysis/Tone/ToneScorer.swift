public import Foundation

/// Scores the tone of a text the VADER way: lexicon valences adjusted by boosters, capitals, negation, “but”,
/// “least” and punctuation, summed and normalised to a compound score in −1…1.
///
/// This is a Swift reimplementation of the rules of vaderSentiment 3.3.2 (Hutto and Gilbert, 2014), with its
/// lexicon (``ToneLexicon``). Emoji descriptions are not substituted; the “but” rule weights every word before the
/// first “but” by 0.5 and every word after it by 1.5.
public enum ToneScorer {
    /// VADER's emphasis for a word in capitals when the text is not all capitals.
    static let capitalBoost = 0.733
    /// VADER's factor for a negated word.
    static let negationFactor = -0.74

    /// The compound tone of a text.
    ///
    /// - Parameter text: Any text; a headline and summary give the tone of an item.
    /// - Returns: The VADER compound score, −1 (most negative) … 1 (most positive); `0` for a neutral text.
    public static func compound(_ text: String) -> Double {
        let words = text.unicodeScalars.split(whereSeparator: isSpace).map { stripPunctuation(String($0)) }
        guard !words.isEmpty else {
            return 0
        }
        let lower = words.map { $0.lowercased() }
        let capitalsDiffer = isCapitalDifferential(words)
        var sentiments: [Double] = []
        sentiments.reserveCapacity(words.count)
        for index in words.indices {
            if ToneLexicon.boosters[lower[index]] != nil
                || (lower[index] == "kind" && index + 1 < words.count && lower[index + 1] == "of")
            {
                sentiments.append(0)
                continue
            }
            sentiments.append(valence(at: index, words: words, lower: lower, capitalsDiffer: capitalsDiffer))
        }
        if let but = lower.firstIndex(of: "but") {
            for index in sentiments.indices where index != but {
                sentiments[index] *= index < but ? 0.5 : 1.5
            }
        }
        var sum = sentiments.reduce(0, +)
        let emphasis = punctuationEmphasis(text)
        if sum > 0 {
            sum += emphasis
        } else if sum < 0 {
            sum -= emphasis
        }
        return min(1, max(-1, sum / (sum * sum + 15).squareRoot()))
    }

    private static func valence(at index: Int, words: [String], lower: [String], capitalsDiffer: Bool) -> Double {
        guard var valence = ToneLexicon.valences[lower[index]] else {
            return 0
        }
        let base = valence
        if lower[index] == "no", index + 1 < words.count, ToneLexicon.valences[lower[index + 1]] != nil {
            valence = 0
        }
        if (index > 0 && lower[index - 1] == "no") || (index > 1 && lower[index - 2] == "no")
            || (index > 2 && lower[index - 3] == "no" && ["or", "nor"].contains(lower[index - 1]))
        {
            valence = base * negationFactor
        }
        if capitalsDiffer, isUpper(words[index]) {
            valence += valence > 0 ? capitalBoost : -capitalBoost
        }
        for distance in 0..<3 where index > distance && ToneLexicon.valences[lower[index - distance - 1]] == nil {
            let previous = index - distance - 1
            var scalar = boost(
                words[previous],
                lower: lower[previous],
                valence: valence,
                capitalsDiffer: capitalsDiffer
            )
            if distance == 1 {
                scalar *= 0.95
            } else if distance == 2 {
                scalar *= 0.9
            }
            valence += scalar
            valence = negationCheck(valence, lower: lower, distance: distance, index: index)
            if distance == 2 {
                valence = specialIdioms(valence, lower: lower, index: index)
            }
        }
        return leastCheck(valence, lower: lower, index: index)
    }

    private static func boost(_ word: String, lower: String, valence: Double, capitalsDiffer: Bool) -> Double {
        guard var scalar = ToneLexicon.boosters[lower] else {
            return 0
        }
        if valence < 0 {
            scalar = -scalar
        }
        if capitalsDiffer, isUpper(word) {
            scalar += valence > 0 ? capitalBoost : -capitalBoost
        }
        return scalar
    }

    private static func isNegation(_ word: String) -> Bool {
        ToneLexicon.negations.contains(word) || word.contains("n't")
    }

    private static func negationCheck(_ valence: Double, lower: [String], distance: Int, index: Int) -> Double {
        switch distance {
        case 0:
            return isNegation(lower[index - 1]) ? valence * negationFactor : valence
        case 1:
            if lower[index - 2] == "never", ["so", "this"].contains(lower[index - 1]) {
                return valence * 1.25
            }
            if lower[index - 2] == "without", lower[index - 1] == "doubt" {
                return valence
            }
            return isNegation(lower[index - 2]) ? valence * negationFactor : valence
        default:
            if (lower[index - 3] == "never" && ["so", "this"].contains(lower[index - 2]))
                || ["so", "this"].contains(lower[index - 1])
            {
                return valence * 1.25
            }
            if lower[index - 3] == "without", lower[index - 2] == "doubt" || lower[index - 1] == "doubt" {
                return valence
            }
            return isNegation(lower[index - 3]) ? valence * negationFactor : valence
        }
    }

    private static func specialIdioms(_ valence: Double, lower: [String], index: Int) -> Double {
        var result = valence
        let sequences = [
            "\(lower[index - 1]) \(lower[index])", "\(lower[index - 2]) \(lower[index - 1]) \(lower[index])",
            "\(lower[index - 2]) \(lower[index - 1])", "\(lower[index - 3]) \(lower[index - 2]) \(lower[index - 1])",
            "\(lower[index - 3]) \(lower[index - 2])",
        ]
        if let special = sequences.lazy.compactMap({ ToneLexicon.specialCases[$0] }).first {
            result = special
        }
        if index + 1 < lower.count, let special = ToneLexicon.specialCases["\(lower[index]) \(lower[index + 1])"] {
            result = special
        }
        if index + 2 < lower.count,
            let special = ToneLexicon.specialCases["\(lower[index]) \(lower[index + 1]) \(lower[index + 2])"]
        {
            result = special
        }
        for gram in [sequences[3], sequences[4], sequences[2]] {
            if let booster = ToneLexicon.boosters[gram] {
                result += booster
            }
        }
        return result
    }

    private static func leastCheck(_ valence: Double, lower: [String], index: Int) -> Double {
        guard index > 0, lower[index - 1] == "least", ToneLexicon.valences["least"] == nil else {
            return valence
        }
        if index > 1, lower[index - 2] == "at" || lower[index - 2] == "very" {
            return valence
        }
        return valence * negationFactor
    }

    private static func punctuationEmphasis(_ text: String) -> Double {
        var exclamations = 0
        var questions = 0
        for byte in text.utf8 {
            if byte == 0x21 {
                exclamations += 1
            } else if byte == 0x3F {
                questions += 1
            }
        }
        exclamations = min(4, exclamations)
        let questionBoost = questions > 1 ? (questions <= 3 ? Double(questions) * 0.18 : 0.96) : 0
        return Double(exclamations) * 0.292 + questionBoost
    }

    private static func isCapitalDifferential(_ words: [String]) -> Bool {
        let capitals = words.filter(isUpper).count
        return capitals > 0 && capitals < words.count
    }

    /// Whether a word has letters and none of them lower-case; ASCII words need no Unicode property lookup.
    private static func isUpper(_ word: String) -> Bool {
        var hasLetter = false
        for byte in word.utf8 {
            switch byte {
            case 0x61...0x7A: return false
            case 0x41...0x5A: hasLetter = true
            case 0x80...: return word.contains { $0.isLetter } && !word.contains { $0.isLowercase }
            default: break
            }
        }
        return hasLetter
    }

    /// Removes leading and trailing ASCII punctuation unless that leaves two characters or fewer (an emoticon).
    private static func stripPunctuation(_ token: String) -> String {
        let utf8 = token.utf8
        guard let first = utf8.first, let last = utf8.last, isPunctuation(first) || isPunctuation(last) else {
            return token
        }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isPunctuation(utf8[start]) {
            start = utf8.index(after: start)
        }
        while end > start, isPunctuation(utf8[utf8.index(before: end)]) {
            end = utf8.index(before: end)
        }
        let result = String(token[start..<end])
        return result.count <= 2 ? token : result
    }

    /// Whether a scalar separates words: ASCII spaces fast, other Unicode white space through its properties.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
            || (scalar.value > 127 && scalar.properties.isWhitespace)
    }

    /// Whether a UTF-8 byte is ASCII punctuation (Python's `string.punctuation`).
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
    }
}
