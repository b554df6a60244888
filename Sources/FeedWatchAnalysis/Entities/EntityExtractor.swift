public import Foundation

/// Finds the people, organisations and places a text names, from capitalisation patterns and the words around
/// them.
///
/// A name is a run of capitalised words (`Antony Blinken`, `World Health Organization`), which may hold the
/// connectors `of`, `the`, `al`, `bin`, `de`, `van`, `von`, `la` and `du` between capitalised words. Then:
///
/// - a title before a name is the person's role, not part of the name: a known title (`Secretary of State
///   Antony Blinken`) or any run up to its last role word (`Turkish Defence Minister Hulusi Akar`);
/// - a role word a few words before or in an apposition after a name says what it is (`Kremlin spokesman
///   Dmitry Peskov`, `Amir Abdulla, the UN coordinator`, `the agricultural bank Rosselkhozbank`, `the bulk
///   carrier Brave Commander`);
/// - a name's last word can say what it is (`... Programme` is an organisation, `... Sea` a place);
/// - a possessive `'s` is dropped (`Israel's` → `Israel`);
/// - a single word that starts a sentence and is common English (`The`, `Posted`, `Neither`) is not a name,
///   unless the text also writes it capitalised inside a sentence;
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
        mentions(title: title, body: body).map(\.name)
    }

    /// The entities a title and body name, each once, in order of first mention, with the kind and role the text
    /// gives them (the first role found for a name is kept).
    ///
    /// A capitalised word that starts a sentence and is a common English word (``frequentWords``, from a word
    /// frequency list) is a name only when the same texts also write it capitalised inside a sentence. An acronym
    /// that spells the initials of an organisation the texts name is that organisation (`WFP`), and a surname of a
    /// person they name is that person (`Akar` after `Hulusi Akar`).
    ///
    /// - Parameters:
    ///   - title: The headline, skipped when in title case.
    ///   - body: The summary and content.
    /// - Returns: The mentions.
    public func mentions(title: String?, body: [String]) -> [EntityMention] {
        var texts = body
        if let title, !Self.isTitleCase(title) {
            texts.insert(title, at: 0)
        }
        let words = texts.map { Self.words(in: $0) }
        let inside = Self.capitalisedInsideSentences(words)
        var order: [String] = []
        var found: [String: EntityMention] = [:]
        for text in words {
            for mention in mentions(in: text, capitalisedInside: inside) {
                if var known = found[mention.name] {
                    if known.role == nil, let role = mention.role {
                        known.role = role
                        known.kind = mention.kind
                    }
                    known.takesPart = known.takesPart || mention.takesPart
                    found[mention.name] = known
                } else {
                    found[mention.name] = mention
                    order.append(mention.name)
                }
            }
        }
        var result = order.compactMap { found[$0] }
        // A surname or initials stand for the fuller name the same texts use (`Akar` for `Hulusi Akar`, `WFP`).
        var partTakers = Set(result.filter(\.takesPart).map(\.name))
        for (index, mention) in result.enumerated() where !mention.name.contains(" ") {
            if let full = result.first(where: { $0.keys.dropFirst().contains(mention.name) }) {
                result[index] = full
                if mention.takesPart {
                    partTakers.insert(full.name)
                }
            }
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0.name).inserted }.map { mention in
            var mention = mention
            mention.takesPart = partTakers.contains(mention.name)
            return mention
        }
    }

    /// The entities one text names, canonical forms, in order, repeats included.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The entities.
    public func names(in text: String) -> [String] {
        let words = Self.words(in: text)
        return mentions(in: words, capitalisedInside: Self.capitalisedInsideSentences([words])).map(\.name)
    }

    /// The mentions in one text's words, in order, repeats included.
    func mentions(in words: [Word], capitalisedInside: Set<String>) -> [EntityMention] {
        var mentions: [EntityMention] = []
        var start = 0
        var length = 0
        var sentenceStart = true
        var runStartsSentence = false
        func flush() {
            if length > 0,
                let mention = mention(
                    words,
                    start..<(start + length),
                    startsSentence: runStartsSentence,
                    capitalisedInside: capitalisedInside
                )
            {
                mentions.append(mention)
            }
            length = 0
        }
        for (index, word) in words.enumerated() {
            if Self.isCapitalised(word.text) || Self.isParticleName(word.text) {
                if length == 0 {
                    start = index
                    runStartsSentence = sentenceStart
                }
                length += 1
            } else if length > 0, Self.connectors.contains(word.text) {
                length += 1
            } else {
                flush()
            }
            if word.endsSentence || word.endsName {
                flush()
            }
            sentenceStart = word.endsSentence
        }
        flush()
        return mentions
    }

    private func mention(
        _ words: [Word],
        _ range: Range<Int>,
        startsSentence: Bool,
        capitalisedInside: Set<String>
    ) -> EntityMention? {
        var run = words[range].map(\.text)
        while let last = run.last, Self.connectors.contains(last) {
            run.removeLast()
        }
        if run.first?.lowercased() == "the" {
            run.removeFirst()
        }
        // A hyphenated modifier (`Sierra Leone-flagged`, `US-supplied`, `Russian-occupied`) describes the name
        // after it; a flag makes that name a ship's.
        if let modifier = run.lastIndex(where: { Self.isModifier($0) && !Self.personRoles.contains($0.lowercased()) }) {
            guard modifier < run.count - 1 else {
                return nil
            }
            if run[modifier].lowercased().hasSuffix("-flagged") {
                return EntityMention(name: run[(modifier + 1)...].joined(separator: " "), kind: .vessel)
            }
            run.removeFirst(modifier + 1)
        }
        // Common words that open a sentence before a name are not part of it (`Under the Istanbul deal`, `A UN
        // official`).
        if startsSentence, run.count > 1, Self.titleEnd(run) == 0 {
            while run.count > 1, Gazetteer.canonical(run[0]) == nil, Self.isOpeningWord(run[0]) {
                run.removeFirst()
            }
        }
        let introduced = Self.roleBefore(words, range.lowerBound) ?? Self.roleAfter(words, range.upperBound)
        var title: [String] = []
        if introduced.map({ $0.kind == .person }) ?? true {
            (title, run) = Self.splitTitle(run)
        }
        if run.count == 1, Self.titles.contains([run[0].lowercased()]) {
            return nil
        }
        guard let first = run.first else {
            return nil
        }
        if run.count == 1 {
            let lower = first.lowercased()
            if Self.nonNames.contains(lower) {
                return nil
            }
            if startsSentence, title.isEmpty, Gazetteer.canonical(first) == nil, !capitalisedInside.contains(first),
                Self.isCommonWord(lower)
            {
                return nil
            }
        }
        let joined = run.joined(separator: " ")
        let name = aliases[joined.lowercased()] ?? Gazetteer.canonical(joined) ?? joined
        let head = run[run.count - 1].lowercased()
        if !title.isEmpty {
            let role = title.joined(separator: " ").lowercased()
            return EntityMention(
                name: name,
                kind: .person,
                role: role,
                takesPart: Self.takesPart(words, range, role: role)
            )
        }
        if Gazetteer.canonical(joined) != nil || Self.placeHeads.contains(head) {
            return EntityMention(name: name, kind: .place)
        }
        if let introduced, introduced.kind != .person {
            return EntityMention(name: name, kind: introduced.kind, role: introduced.role)
        }
        if Self.organisationHeads.contains(head) || Self.isAcronym(joined) {
            return EntityMention(name: name, kind: .organisation)
        }
        if let introduced {
            return EntityMention(
                name: name,
                kind: .person,
                role: introduced.role,
                takesPart: Self.takesPart(words, range, role: introduced.role)
            )
        }
        return EntityMention(
            name: name,
            kind: run.count >= 2 ? .person : .other,
            takesPart: Self.takesPart(words, range, role: nil)
        )
    }

    /// A run split into the title before a name and the name (`Turkish Defence Minister` and `Hulusi Akar`); no
    /// title when the run has none, or when its name ends like an organisation's or a place's (`Executive
    /// Committee`); an empty name when the run is all title (`the Foreign Minister`).
    private static func splitTitle(_ run: [String]) -> (title: [String], name: [String]) {
        let end = titleEnd(run)
        guard end > 0 else {
            return ([], run)
        }
        var name = Array(run[end...])
        while let first = name.first, connectors.contains(first) {
            name.removeFirst()
        }
        if let last = name.last?.lowercased(), organisationHeads.contains(last) || placeHeads.contains(last) {
            return ([], run)
        }
        return (Array(run[..<end]), name)
    }

    /// Where the title at the start of a run ends: after the last known title (`Secretary of State`) or role word
    /// (`Minister`) in it; `0` when it has none.
    static func titleEnd(_ run: [String]) -> Int {
        var end = 0
        for start in run.indices {
            if personRoles.contains(run[start].lowercased()) {
                end = start + 1
            }
            if let title = titles.first(where: { hasPrefix(run[start...], $0) }) {
                end = max(end, start + title.count)
            }
        }
        return end
    }

    private static func hasPrefix(_ words: ArraySlice<String>, _ title: [String]) -> Bool {
        guard words.count >= title.count else {
            return false
        }
        for (word, part) in zip(words, title) where word.lowercased() != part {
            return false
        }
        return true
    }

    /// Whether a word is a lower-case Arabic article or particle joined to a capitalised name (`al-Hayya`,
    /// `el-Sisi`, `bin-Salman`): part of a name although it starts lower-case.
    static func isParticleName(_ word: String) -> Bool {
        // Most words have no hyphen: the byte check keeps them off the slower character search.
        guard word.utf8.contains(UInt8(ascii: "-")), let hyphen = word.firstIndex(of: "-"),
            nameParticles.contains(String(word[..<hyphen]))
        else {
            return false
        }
        return word[word.index(after: hyphen)...].first?.isUppercase ?? false
    }

    /// Lower-case particles that join a name with a hyphen.
    static let nameParticles: Set<String> = [
        "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "abu",
    ]

    static func isCapitalised(_ word: String) -> Bool {
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
