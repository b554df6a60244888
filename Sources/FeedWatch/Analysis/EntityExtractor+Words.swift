extension EntityExtractor {
    /// One word of a text as the extractor reads it.
    struct Word: Equatable {
        /// The word as written, a possessive `'s` removed.
        var text: String
        /// Whether a sentence ends after the word.
        var endsSentence: Bool
        /// Whether a name cannot continue past the word (a comma, bracket, quote, dash or possessive follows).
        var endsName: Bool
    }

    /// Sentence-initial words that are common nouns or adverbs in news text, not names.
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
        var current = ""
        func finish(endsSentence: Bool, endsName: Bool) {
            guard !current.isEmpty else {
                if endsSentence || endsName, !words.isEmpty {
                    words[words.count - 1].endsSentence = words[words.count - 1].endsSentence || endsSentence
                    words[words.count - 1].endsName = words[words.count - 1].endsName || endsName
                }
                return
            }
            var word = current
            var possessive = false
            for suffix in ["'s", "’s", "'", "’"] where word.hasSuffix(suffix) && word.count > suffix.count {
                word.removeLast(suffix.count)
                possessive = true
                break
            }
            words.append(Word(text: word, endsSentence: endsSentence, endsName: endsName || possessive))
            current = ""
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" || character == "-", !current.isEmpty,
                next.isLetter || next == " " || next == "s"
            {
                current.append(character)
            } else if character == "." {
                let isInitial = current.count == 1 && (current.first?.isUppercase ?? false)
                if next.isLetter || isInitial || abbreviations.contains(current.lowercased()) {
                    current.append(character)
                    if !next.isLetter, !isInitial {
                        finish(endsSentence: false, endsName: false)
                    }
                } else {
                    finish(endsSentence: true, endsName: true)
                }
            } else if character == "!" || character == "?" || character == ";" || character == ":"
                || character.isNewline
            {
                finish(endsSentence: true, endsName: true)
            } else if character.isWhitespace {
                finish(endsSentence: false, endsName: false)
            } else {
                finish(endsSentence: false, endsName: true)
            }
        }
        finish(endsSentence: true, endsName: true)
        return words
    }
}
