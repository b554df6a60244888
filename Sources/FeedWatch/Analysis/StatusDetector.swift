/// Decides which status of a preset an item reports, from cue phrases in its title and body.
///
/// Rules, in order:
///
/// 1. Cues are matched on normalised tokens, the longest cue at each position; a cue preceded within three
///    tokens of the same clause by a negator (`not`, `no`, `never`, `without`, `denied`, `n't` forms, `yet to`,
///    …) does not count, so “did not reject” and “has not agreed” report nothing.
/// 2. The body is read up to ``ledeTokenLimit`` tokens (summary, then content): the lede carries the news, later
///    paragraphs tend to recap earlier stages.
/// 3. The first of these tiers with any cue decides: specific states in the title, specific states in the body,
///    the generic state in the title, the generic state in the body. So the title beats the body and any
///    specific state beats the generic `negotiating`.
/// 4. Within a tier the state with the most cues wins; ties go to the state listed first in the preset.
public struct StatusDetector: Sendable {
    /// A detected status and the cue phrase that decided it, as written in the item.
    public struct Detection: Sendable, Equatable {
        /// The status name, for example `rejected`.
        public var status: String
        /// The cue phrase as it appears in the item, for example `Rejects`.
        public var cue: String
        /// The sentence (or headline) that holds the cue, as written.
        public var sentence: String?

        /// Creates a detection.
        ///
        /// - Parameters:
        ///   - status: The status name.
        ///   - cue: The cue phrase as written.
        ///   - sentence: The sentence that holds the cue.
        public init(status: String, cue: String, sentence: String? = nil) {
            self.status = status
            self.cue = cue
            self.sentence = sentence
        }
    }

    private struct Cue: Sendable {
        var state: Int
        var tokens: [String]
    }

    private struct Hit {
        var count = 0
        var cue = ""
        var sentence = ""
    }

    /// Tokens that negate a cue that follows them closely.
    public static let negators: Set<String> = [
        "not", "no", "never", "without", "denied", "denies", "deny", "denying", "nor", "neither", "cannot",
        "didnt", "doesnt", "dont", "hasnt", "havent", "hadnt", "isnt", "arent", "wasnt", "werent", "wont",
        "cant", "couldnt", "wouldnt", "shouldnt",
    ]

    /// How many tokens before a cue are searched for a negator.
    public static let negationWindow = 3

    /// How many body tokens are read for cues.
    public static let ledeTokenLimit = 200

    /// The preset whose states are detected.
    public let preset: StatusPreset
    private let cuesByFirstToken: [String: [Cue]]

    /// Creates a detector for a preset.
    ///
    /// - Parameter preset: The preset whose states to detect.
    public init(preset: StatusPreset) {
        self.preset = preset
        var index: [String: [Cue]] = [:]
        for (state, definition) in preset.states.enumerated() {
            for phrase in definition.cues {
                let tokens = TextNormalizer.tokens(phrase)
                guard let first = tokens.first else {
                    continue
                }
                index[first, default: []].append(Cue(state: state, tokens: tokens))
            }
        }
        self.cuesByFirstToken = index.mapValues { cues in
            cues.sorted { $0.tokens.count > $1.tokens.count }
        }
    }

    /// Creates a detector for a built-in preset.
    ///
    /// - Parameter name: The preset's name, for example `negotiation`.
    /// - Throws: An ``AnalysisError`` with code ``AnalysisError/Code/unknownStatusPreset`` when no built-in preset
    ///   has that name.
    public init(presetNamed name: String) throws(AnalysisError) {
        guard let preset = StatusPreset.named(name) else {
            let known = StatusPreset.builtIn.map(\.name).joined(separator: ", ")
            throw AnalysisError(
                code: .unknownStatusPreset,
                message: "the status preset '\(name)' does not exist; use one of: \(known)"
            )
        }
        self.init(preset: preset)
    }

    /// The status an item reports.
    ///
    /// - Parameters:
    ///   - title: The item's headline.
    ///   - body: The item's summary and content, lede first.
    /// - Returns: The status and its cue, or `nil` when no cue counts.
    public func detect(title: String?, body: String?) -> Detection? {
        let scannedTitle = title.map(TextNormalizer.scan)
        let scannedBody = body.map { [TextNormalizer.scan($0)] } ?? []
        return detect(title: scannedTitle, body: scannedBody)
    }

    /// The status an item reports, from already scanned text.
    func detect(title: TextNormalizer.ScannedText?, body: [TextNormalizer.ScannedText]) -> Detection? {
        var titleHits = [Hit](repeating: Hit(), count: preset.states.count)
        var bodyHits = titleHits
        if let title {
            collect(title, limit: title.tokens.count, into: &titleHits)
        }
        var remaining = Self.ledeTokenLimit
        for segment in body where remaining > 0 {
            collect(segment, limit: remaining, into: &bodyHits)
            remaining -= segment.tokens.count
        }
        for generic in [false, true] {
            for hits in [titleHits, bodyHits] {
                if let detection = best(in: hits, generic: generic) {
                    return detection
                }
            }
        }
        return nil
    }

    private func best(in hits: [Hit], generic: Bool) -> Detection? {
        var winner: Int?
        for (state, hit) in hits.enumerated() where hit.count > 0 && preset.states[state].isGeneric == generic {
            if let current = winner, hits[current].count >= hit.count {
                continue
            }
            winner = state
        }
        guard let winner else {
            return nil
        }
        return Detection(status: preset.states[winner].name, cue: hits[winner].cue, sentence: hits[winner].sentence)
    }

    private func collect(_ text: TextNormalizer.ScannedText, limit: Int, into hits: inout [Hit]) {
        let tokens = text.tokens
        let end = min(limit, tokens.count)
        var position = 0
        while position < end {
            guard let candidates = cuesByFirstToken[tokens[position].text],
                let cue = candidates.first(where: { matches($0.tokens, in: tokens, at: position) })
            else {
                position += 1
                continue
            }
            if !isNegated(tokens, at: position) {
                if hits[cue.state].count == 0 {
                    hits[cue.state].cue = text.original(from: position, through: position + cue.tokens.count - 1)
                    hits[cue.state].sentence = text.sentence(around: position)
                }
                hits[cue.state].count += 1
            }
            position += 1
        }
    }

    private func matches(_ cue: [String], in tokens: [TextNormalizer.Token], at position: Int) -> Bool {
        guard position + cue.count <= tokens.count else {
            return false
        }
        for (offset, word) in cue.enumerated() where tokens[position + offset].text != word {
            return false
        }
        return true
    }

    private func isNegated(_ tokens: [TextNormalizer.Token], at position: Int) -> Bool {
        guard !tokens[position].startsClause else {
            return false
        }
        var index = position - 1
        while index >= 0, index >= position - Self.negationWindow {
            let word = tokens[index].text
            if Self.negators.contains(word) {
                return true
            }
            if word == "yet", index + 1 < position, tokens[index + 1].text == "to" {
                return true
            }
            if tokens[index].startsClause {
                return false
            }
            index -= 1
        }
        return false
    }
}
