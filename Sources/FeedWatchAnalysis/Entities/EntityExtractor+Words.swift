extension EntityExtractor {
    /// One word of a text as the extractor reads it.
    struct Word: Equatable {
        /// The word as written, a possessive `'s` removed.
        var text: String
        /// Whether a sentence ends after the word.
        var endsSentence: Bool
        /// Whether a name cannot continue past the word (a comma, bracket, quote, dash or possessive follows).
        var endsName: Bool
        /// Whether the word was written with a possessive `'s` (removed from ``text``).
        var isPossessive = false

        /// The word in lower case; the text itself, without a copy, when it has no capital (most words).
        var lower: String {
            text.utf8.contains { (65...90).contains($0) || $0 >= 128 } ? text.lowercased() : text
        }
    }

    /// Sentence-initial words that are common nouns or adverbs in news text, not names, beyond
    /// ``frequentWords``.
    static let commonWords: Set<String> = [
        "officials", "mediators", "negotiators", "families", "hundreds", "thousands", "dozens", "both", "after",
        "before", "while", "when", "talks", "negotiations", "police", "witnesses", "residents", "critics",
        "analysts", "diplomats", "sources", "leaders", "troops", "protesters", "lawmakers", "voters", "today",
        "yesterday", "earlier", "later", "meanwhile", "however", "but", "yet", "still", "also", "according",
        "despite", "under", "some", "many", "most", "several", "no", "one", "two", "three", "this", "that",
        "these", "those", "there", "here", "he", "she", "we", "you", "they", "his", "her", "their", "our", "it",
        "new", "last", "next", "first", "in", "on", "at", "for", "with", "as", "by", "from", "if", "so", "why",
        "how", "what", "who", "where", "a", "an", "the", "aid", "relief", "ceasefire", "truce", "fighting",
        "negotiating", "speaking", "asked", "separately", "instead", "now", "only", "even", "such", "other",
        "cabinet", "ministers", "minister", "government", "army", "military", "relatives", "hostages",
        "delegations", "envoys", "mediation", "rival", "ministry",
    ]

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "st",
    ]

    /// Splits a text into words, marking sentence ends and name breaks.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The words, in order.
    static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var current: [Unicode.Scalar] = []
        current.reserveCapacity(32)
        func finish(endsSentence: Bool, endsName: Bool) {
            guard !current.isEmpty else {
                if endsSentence || endsName, !words.isEmpty {
                    words[words.count - 1].endsSentence = words[words.count - 1].endsSentence || endsSentence
                    words[words.count - 1].endsName = words[words.count - 1].endsName || endsName
                }
                return
            }
            var kept = current.count
            if kept > 2, current[kept - 1] == "s", isApostrophe(current[kept - 2]) {
                kept -= 2
            } else if kept > 1, isApostrophe(current[kept - 1]) {
                kept -= 1
            }
            let word = TextNormalizer.ScannedText.string(current[..<kept])
            let possessive = kept < current.count
            words.append(
                Word(text: word, endsSentence: endsSentence, endsName: endsName || possessive, isPossessive: possessive)
            )
            current.removeAll(keepingCapacity: true)
        }
        let scalars = TextNormalizer.scalars(of: text)
        for (index, scalar) in scalars.enumerated() {
            let next: Unicode.Scalar = index + 1 < scalars.count ? scalars[index + 1] : " "
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if scalar == "'" || scalar == "’" || scalar == "-", !current.isEmpty,
                isLetter(next) || next == " " || next == "s"
            {
                current.append(scalar)
            } else if scalar == "." {
                let isInitial = current.count == 1 && (current.first?.properties.isUppercase ?? false)
                if isLetter(next) || isInitial
                    || abbreviations.contains(TextNormalizer.ScannedText.string(current[...]).lowercased())
                {
                    current.append(scalar)
                    if !isLetter(next), !isInitial {
                        finish(endsSentence: false, endsName: false)
                    }
                } else {
                    finish(endsSentence: true, endsName: true)
                }
            } else if scalar == "!" || scalar == "?" || scalar == ";" || scalar == ":" || scalar == "\n"
                || scalar == "\r"
            {
                finish(endsSentence: true, endsName: true)
            } else if scalar == " " || scalar == "\t" || (scalar.value > 127 && scalar.properties.isWhitespace) {
                finish(endsSentence: false, endsName: false)
            } else {
                finish(endsSentence: false, endsName: true)
            }
        }
        finish(endsSentence: true, endsName: true)
        return words
    }

    /// Whether a scalar is an apostrophe, straight or curly.
    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "’"
    }

    /// Whether a scalar is part of a word: a letter, a digit or a combining mark (ASCII checked first).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return isLetter(scalar) || ("0"..."9").contains(scalar)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    /// Whether a scalar is a letter (ASCII checked first).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        return scalar.properties.isAlphabetic
    }
}
