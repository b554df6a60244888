extension EntityExtractor {
    /// The 10,000 most frequent English words (`Resources/common-words.tsv`, from wordfreq; see its licence file).
    static let frequentWords: Set<String> = Set(
        EmbeddedResources.commonWords.split(separator: "\n").map { String($0) }
    )

    /// Common given names that are frequent English words too (`Ron`, `Donald`, `Mark`; `Resources/given-names.tsv`,
    /// from the 1990 US Census, public domain): one opening a sentence before another capitalised word starts a name.
    static let givenNames: Set<String> = Set(
        EmbeddedResources.givenNames.split(separator: "\n").map { String($0) }
    )

    /// Whether the first word of a capitalised run that opens a sentence is a common word to drop (`Under the
    /// Istanbul deal`, `Despite Israeli objections`), not the start of a name (`Ron Dermer`, but `Will Hamas`).
    static func isOpeningWord(_ word: String) -> Bool {
        if connectors.contains(word) {
            return true
        }
        let lower = word.lowercased()
        guard isCommonWord(lower) else {
            return false
        }
        return TextNormalizer.isStopword(lower) || !givenNames.contains(lower)
    }

    /// How far a look-around for a role reaches from a name, in words.
    static let roleReach = 5

    /// Whether a lower-cased word is common English rather than a name when it starts a sentence: a stopword, a
    /// frequent word, a news noun of ``commonWords``, or a word with a verb or adverb ending (`Appearing`, `Posted`,
    /// `Reportedly`).
    static func isCommonWord(_ lower: String) -> Bool {
        if TextNormalizer.isStopword(lower) || commonWords.contains(lower) || frequentWords.contains(lower) {
            return true
        }
        return lower.count >= 5 && (lower.hasSuffix("ing") || lower.hasSuffix("ed") || lower.hasSuffix("ly"))
    }

    /// Whether a capitalised word is a hyphenated modifier: its last part is lower-case (`US-supplied`).
    static func isModifier(_ word: String) -> Bool {
        guard let hyphen = word.lastIndex(of: "-") else {
            return false
        }
        let rest = word[word.index(after: hyphen)...]
        return rest.first.map { $0.isLowercase } ?? false
    }

    /// Whether a name is an acronym: two to six capital letters (`WFP`, `NATO`).
    static func isAcronym(_ name: String) -> Bool {
        (2...6).contains(name.count) && name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    /// The capitalised words the texts use inside a sentence, where capitals mean a name.
    static func capitalisedInsideSentences(_ texts: [[Word]]) -> Set<String> {
        var inside = Set<String>()
        for words in texts {
            var sentenceStart = true
            for word in words {
                if !sentenceStart, isCapitalised(word.text) {
                    inside.insert(word.text)
                }
                sentenceStart = word.endsSentence
            }
        }
        return inside
    }

    /// A role word in the few words before a name, in its sentence (`Kremlin spokesman Dmitry Peskov`, `the UN
    /// coordinator for the initiative, Amir Abdulla`), with the words from it to the name.
    static func roleBefore(_ words: [Word], _ start: Int) -> (kind: EntityMention.Kind, role: String)? {
        var index = start - 1
        while index >= 0, start - index <= roleReach, !words[index].endsSentence {
            let text = words[index].text
            let lower = text.lowercased()
            if roleStops.contains(lower) || (isCapitalised(text) && !isAcronym(text)) {
                return nil
            }
            if let kind = descriptor(lower) {
                return (mediaAgency(words, index) ? .media : kind, role(words, modifiers(words, before: index)..<start))
            }
            index -= 1
        }
        return nil
    }

    /// A role in an apposition after a name (`Hakan Fidan, Turkey's foreign minister,`), but not the title of a
    /// name that follows (`from Odesa, Defence Minister Hulusi Akar said`).
    static func roleAfter(_ words: [Word], _ end: Int) -> (kind: EntityMention.Kind, role: String)? {
        // A role after a possessive belongs to someone else (`Donald Trump's Middle East envoy`).
        guard end > 0, end < words.count, !words[end - 1].endsSentence, !words[end - 1].isPossessive else {
            return nil
        }
        var start = end
        if !words[end - 1].endsName {
            // `named Yahya Sinwar as its new leader`: the role after `as` and a determiner is the name's.
            guard words[end].lower == "as", !words[end].endsName else {
                return classifierAfter(words, end)
            }
            start += 1
            if start < words.count, ["its", "their", "his", "her", "the", "a", "an"].contains(words[start].text) {
                start += 1
            }
        }
        var index = start
        var crossedPossessive = false
        while index < words.count, index - start < roleReach {
            let lower = words[index].lower
            if roleStops.contains(lower) {
                return nil
            }
            if let kind = descriptor(lower) {
                // A role word right before a capitalised word is that next name's title, not this one's.
                if index + 1 < words.count, !words[index].endsName, isCapitalised(words[index + 1].text) {
                    return nil
                }
                // After a possessive, only an apposition that closes is the name's (`Ron Dermer, Israel's
                // strategic affairs minister, will lead`); `Europe, Ukraine's infrastructure ministry said` is the
                // next clause's subject.
                if crossedPossessive, !words[index].endsName {
                    return nil
                }
                return (mediaAgency(words, index) ? .media : kind, role(words, start..<(index + 1)))
            }
            // A possessive inside the apposition names whose role it is (`Ron Dermer, Israel's strategic affairs
            // minister,`); any other break ends it.
            if words[index].endsName, !words[index].isPossessive {
                return nil
            }
            crossedPossessive = crossedPossessive || words[index].isPossessive
            index += 1
        }
        return nil
    }

    /// A word right after a name that says what kind of thing it is (`the Interfax news agency`, `the Razoni
    /// freighter`): an organisation, ship or news source, never a person's role.
    private static func classifierAfter(_ words: [Word], _ end: Int) -> (kind: EntityMention.Kind, role: String)? {
        for index in end..<min(end + 2, words.count) {
            let lower = words[index].lower
            if isCapitalised(words[index].text) || roleStops.contains(lower) {
                return nil
            }
            if let kind = descriptor(lower), kind != .person {
                return (mediaAgency(words, index) ? .media : kind, role(words, end..<(index + 1)))
            }
            if words[index].endsName {
                return nil
            }
        }
        return nil
    }

    /// Where the modifiers of the role word at `index` start: up to two lower-case words or acronyms before it
    /// (`the agricultural bank`, `the UN coordinator`).
    private static func modifiers(_ words: [Word], before index: Int) -> Int {
        var start = index
        while start > 0, index - start < 2, !words[start - 1].endsName {
            let text = words[start - 1].text
            let lower = text.lowercased()
            guard !roleStops.contains(lower), !["the", "a", "an"].contains(lower),
                isAcronym(text) || !isCapitalised(text)
            else {
                break
            }
            start -= 1
        }
        return start
    }

    /// Whether the role word at `index` is `agency` after `news`.
    private static func mediaAgency(_ words: [Word], _ index: Int) -> Bool {
        index > 0 && words[index].lower == "agency" && words[index - 1].lower == "news"
    }

    /// A role phrase: its words lower-cased, leading articles dropped.
    private static func role(_ words: [Word], _ range: Range<Int>) -> String {
        var parts = words[range].map(\.lower)
        while let first = parts.first, ["the", "a", "an"].contains(first) {
            parts.removeFirst()
        }
        return parts.joined(separator: " ")
    }
}
