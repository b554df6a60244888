import FeedWatchCore

/// Decides which status of a preset an item reports, from cue phrases in its title and body.
///
/// Rules, in order:
///
/// 1. Cues are matched on normalised tokens, the longest cue at each position; a cue preceded within three
///    tokens of the same clause by a negator (`not`, `no`, `never`, `without`, `denied`, `n't` forms, `yet to`,
///    …) does not count, so “did not reject” and “has not agreed” report nothing.
///    Nor does a hedged cue (a modal or a conditional before it in the clause: “could reject”, “threatened to
///    walk away from”, “if Israel rejects”), a cue attributed to hearsay (“rumours that … rejected”, “unconfirmed
///    reports”), or a recap (a time in the past right after it: “rejected last week”, “agreed in 2024”,
///    “previously rejected”).
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
        var text = 0
        var position = 0
    }

    /// Tokens that negate a cue that follows them closely.
    public static let negators: Set<String> = [
        "not", "no", "never", "without", "denied", "denies", "deny", "denying", "nor", "neither", "cannot",
        "didnt", "doesnt", "dont", "hasnt", "havent", "hadnt", "isnt", "arent", "wasnt", "werent", "wont",
        "cant", "couldnt", "wouldnt", "shouldnt",
    ]

    /// Tokens that, before a cue in the same clause, make it hypothetical: the status is not reported as fact.
    public static let hedges: Set<String> = [
        "could", "might", "may", "would", "should", "if", "unless", "whether", "threatened", "threatens",
        "threatening", "considering", "considers", "weighing", "weighs", "expected", "likely", "poised", "ready",
        "rumours", "rumors", "rumoured", "rumored", "unconfirmed", "speculation", "reportedly", "allegedly",
    ]

    /// Tokens that, right after a cue, place it in the past: the item recaps an earlier stage.
    public static let recaps: Set<String> = [
        "last", "earlier", "ago", "previously", "before", "yesterday",
    ]

    /// Tokens that, right before a cue, mark it as a recap of an earlier stage.
    public static let recapLeads: Set<String> = ["previously", "earlier", "originally", "once", "already"]

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
        let texts = (title.map { [$0] } ?? []) + body
        if let title {
            collect(title, number: 0, limit: title.tokens.count, into: &titleHits)
        }
        var remaining = Self.ledeTokenLimit
        for (offset, segment) in body.enumerated() where remaining > 0 {
            collect(segment, number: offset + (title == nil ? 0 : 1), limit: remaining, into: &bodyHits)
            remaining -= segment.tokens.count
        }
        for generic in [false, true] {
            for hits in [titleHits, bodyHits] {
                if let (state, hit) = best(in: hits, generic: generic) {
                    let sentence = texts[hit.text].sentence(around: hit.position)
                    return Detection(status: preset.states[state].name, cue: hit.cue, sentence: sentence)
                }
            }
        }
        return nil
    }

    private func best(in hits: [Hit], generic: Bool) -> (Int, Hit)? {
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
        return (winner, hits[winner])
    }

    private func collect(_ text: TextNormalizer.ScannedText, number: Int, limit: Int, into hits: inout [Hit]) {
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
            if !isNegated(tokens, at: position), !isHedged(tokens, at: position),
                !isRecap(tokens, after: position + cue.tokens.count - 1)
            {
                if hits[cue.state].count == 0 {
                    hits[cue.state].cue = text.original(from: position, through: position + cue.tokens.count - 1)
                    hits[cue.state].text = number
                    hits[cue.state].position = position
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

    private func isHedged(_ tokens: [TextNormalizer.Token], at position: Int) -> Bool {
        var index = position - 1
        while index >= 0, index >= position - 6 {
            if Self.hedges.contains(tokens[index].text) {
                return true
            }
            if index == position - 1, Self.recapLeads.contains(tokens[index].text) {
                return true
            }
            if tokens[index].startsClause {
                return false
            }
            index -= 1
        }
        return false
    }

    private func isRecap(_ tokens: [TextNormalizer.Token], after last: Int) -> Bool {
        var index = last + 1
        while index < tokens.count, index <= last + 3, !tokens[index].startsClause {
            let word = tokens[index].text
            if Self.recaps.contains(word) {
                return true
            }
            if word.count == 4, let year = Int(word), (1900...2100).contains(year),
                index > 0, tokens[index - 1].text == "in"
            {
                return true
            }
            index += 1
        }
        return false
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
