public import Foundation

/// Finds the people, organisations and places a text names, from capitalisation patterns.
///
/// A name is a run of capitalised words (`Antony Blinken`, `World Health Organization`), which may hold the
/// connectors `of`, `the`, `al`, `bin`, `de`, `van`, `von`, `la` and `du` between capitalised words. Then:
///
/// - leading titles are removed (`Secretary of State Antony Blinken` → `Antony Blinken`, `President X` → `X`);
/// - a possessive `'s` is dropped (`Israel's` → `Israel`);
/// - a single word that starts a sentence and is a common word (`The`, `After`, `Officials`) is not a name;
/// - month and weekday names are not names;
/// - demonyms and aliases map to their canonical entity (`Israeli` → `Israel`, `Qatari` → `Qatar`) through the
///   ``Gazetteer`` and the caller's aliases.
///
/// A headline in title case (most words capitalised) says nothing about names and is skipped.
public struct EntityExtractor: Sendable {
    /// Leading words that are titles, not names; longest first when several match.
    public static let titles: [[String]] = [
        "secretary of state", "secretary-general", "special envoy", "special representative", "secretary general",
        "prime minister", "foreign minister",
        "defence minister", "defense minister", "interior minister", "finance minister", "deputy prime minister",
        "vice president", "president", "minister", "chancellor", "senator", "sen.", "rep.", "representative",
        "governor", "gov.", "mayor", "general", "gen.", "lt.", "colonel", "col.", "king", "queen", "prince",
        "princess", "pope", "sheikh", "emir", "ambassador", "envoy", "spokesman", "spokeswoman", "judge",
        "justice", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "sir", "dame", "lord", "lady", "speaker",
        "leader", "chairman", "chairwoman", "commissioner", "secretary", "mediator", "negotiator", "chief",
    ].map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    /// Lower-case words that may join capitalised words inside one name.
    public static let connectors: Set<String> = ["of", "the", "al", "bin", "de", "van", "von", "la", "du"]

    /// Capitalised words that are never names on their own.
    public static let nonNames: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "i",
    ]

    /// Extra canonical names for this extractor's user, by lower-cased alias: `{"idf": "Israel Defense Forces"}`.
    public var aliases: [String: String]

    /// Creates an extractor.
    ///
    /// - Parameter aliases: Canonical names by alias; aliases are matched case-insensitively.
    public init(aliases: [String: String] = [:]) {
        var lowered: [String: String] = [:]
        for (alias, name) in aliases {
            lowered[alias.lowercased()] = name
        }
        self.aliases = lowered
    }

    /// The entities a title and body name, canonical forms, each once, in order of first mention.
    ///
    /// - Parameters:
    ///   - title: The headline, skipped when in title case.
    ///   - body: The summary and content.
    /// - Returns: The entities.
    public func entities(title: String?, body: [String]) -> [String] {
        var texts = body
        if let title, !Self.isTitleCase(title) {
            texts.insert(title, at: 0)
        }
        var seen = Set<String>()
        var result: [String] = []
        for text in texts {
            for name in names(in: text) where seen.insert(name).inserted {
                result.append(name)
            }
        }
        return result
    }

    /// The entities one text names, canonical forms, in order, repeats included.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The entities.
    public func names(in text: String) -> [String] {
        var names: [String] = []
        var run: [String] = []
        var runStartsSentence = false
        var sentenceStart = true
        func flush() {
            if let name = canonical(run, startsSentence: runStartsSentence) {
                names.append(name)
            }
            run = []
        }
        for word in Self.words(in: text) {
            let clean = word.text
            if Self.isCapitalised(clean) {
                if run.isEmpty {
                    runStartsSentence = sentenceStart
                }
                run.append(clean)
            } else if !run.isEmpty, Self.connectors.contains(clean) {
                run.append(clean)
            } else {
                flush()
            }
            if word.endsSentence || word.endsName {
                flush()
            }
            sentenceStart = word.endsSentence
        }
        flush()
        return names
    }

    private func canonical(_ run: [String], startsSentence: Bool) -> String? {
        var words = run
        while let last = words.last, Self.connectors.contains(last) {
            words.removeLast()
        }
        if words.first?.lowercased() == "the" {
            words.removeFirst()
        }
        while let title = Self.titles.first(where: { Self.hasPrefix(words, $0) }), words.count > title.count {
            words.removeFirst(title.count)
            if let first = words.first, Self.connectors.contains(first) {
                words.removeFirst()
            }
        }
        if words.count == 1, let title = Self.titles.first(where: { $0 == [words[0].lowercased()] }), !title.isEmpty {
            return nil
        }
        guard !words.isEmpty else {
            return nil
        }
        if words.count == 1 {
            let lower = words[0].lowercased()
            if Self.nonNames.contains(lower) {
                return nil
            }
            if startsSentence, Gazetteer.canonical(words[0]) == nil,
                TextNormalizer.isStopword(lower) || EntityExtractor.commonWords.contains(lower)
            {
                return nil
            }
        }
        let joined = words.joined(separator: " ")
        if let alias = aliases[joined.lowercased()] {
            return alias
        }
        return Gazetteer.canonical(joined) ?? joined
    }

    private static func hasPrefix(_ words: [String], _ title: [String]) -> Bool {
        guard words.count >= title.count else {
            return false
        }
        for (word, part) in zip(words, title) where word.lowercased() != part {
            return false
        }
        return true
    }

    private static func isCapitalised(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else {
            return false
        }
        return first.properties.isUppercase
    }

    /// Whether most words of a headline are capitalised.
    static func isTitleCase(_ title: String) -> Bool {
        let words = title.split(whereSeparator: \.isWhitespace).filter { $0.count > 3 }
        guard words.count >= 2 else {
            return false
        }
        let capitalised = words.filter { isCapitalised(String($0)) }.count
        return Double(capitalised) / Double(words.count) > 0.6
    }
}
