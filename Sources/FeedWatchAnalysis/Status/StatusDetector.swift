import FeedWatchCore

/// Decides which status of a preset an item reports, from cue phrases in its title and body.
///
/// Rules, in order:
///
/// 1. Cues are matched on normalised tokens, the longest cue at each position. A state's predicates (every
///    inflection of *sign*, *approve*, *take hold*, *reject*, …) count only as a frame about the negotiated thing:
///    one of the state's objects (*deal*, *truce*, *proposal*, *talks*, …) within ``objectWindow`` tokens in the
///    same clause, so “rejected the accusations” or “agree on a venue” report nothing; cues that name their object
///    (*reached a deal*, *took effect*) count alone. The object heads its noun phrase (not a modifier of the next
///    object noun, nor a possessive after the predicate), and a conjunction (``clauseLinks``) ends the clause.
///    A cue preceded within five tokens of the same clause by a negator (`not`, `no`, `never`, `without`,
///    `denied`, `nothing`, `n't` forms, `yet to`, …) does not count, so “did not reject” and “nothing has been
///    signed” report nothing. Nor does a hedged cue (a modal, a conditional or an intention before it in the
///    clause: “could reject”, “will sign”, “plans to quit”, “if Israel rejects”, “to be signed”, an infinitive not
///    led by one of ``factLeads``: “truce to begin on Friday”), what a reply answers (“responds to the proposal”),
///    a cue attributed to hearsay (“rumours that … rejected”, “unconfirmed reports”), or a recap (a past perfect:
///    “had agreed”, a time in the past right after it: “rejected last week”, “previously rejected”, or a whole
///    period after it in its clause: “agreed in 2024”, “ships left in May”).
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
        /// Whether the headline reports a specific state (not the generic one) as fact: a strong report.
        public var inHeadline: Bool

        /// Creates a detection.
        ///
        /// - Parameters:
        ///   - status: The status name.
        ///   - cue: The cue phrase as written.
        ///   - sentence: The sentence that holds the cue.
        ///   - inHeadline: Whether the headline reports a specific state.
        public init(status: String, cue: String, sentence: String? = nil, inHeadline: Bool = false) {
            self.status = status
            self.cue = cue
            self.sentence = sentence
            self.inHeadline = inHeadline
        }
    }

    private struct Cue: Sendable {
        var state: Int
        var tokens: [String]
        /// For a predicate, the objects one of which must stand near it; `nil` for a cue that counts alone.
        var objects: Set<String>?
        /// For a predicate, how far after it the object may stand (see ``TopicStatus/Frame/reach``).
        var reach: Int?
    }

    private struct Hit {
        var count = 0
        var cue = ""
        var text = 0
        var position = 0
    }

    /// How many body tokens are read for cues.
    public static let ledeTokenLimit = 200

    /// Conjunctions that open a clause of its own, with its own predicate and object: “inspections resume after a
    /// two-day halt” does not halt the inspections, “ship curbs … as grain flows slump” does not set ships moving.
    public static let clauseLinks: Set<String> = [
        "as", "after", "before", "since", "until", "while", "when", "because", "although", "though", "whereas", "but",
    ]

    /// How many tokens on either side of a predicate, within its clause, are searched for its object.
    public static let objectWindow = 7

    /// The preset whose states are detected.
    public let preset: StatusPreset
    private let cuesByFirstToken: [String: [Cue]]
    /// Every object of every frame: a noun that modifies one of these (“corridor inspections”) is not the object.
    private let nouns: Set<String>
    /// The preset's name and the topic's extra objects: two detectors with the same identity detect alike.
    let identity: String

    /// Creates a detector for a preset.
    ///
    /// - Parameters:
    ///   - preset: The preset whose states to detect.
    ///   - extraObjects: Negotiated things a topic adds to every state that has predicates (`objects:`).
    public init(preset: StatusPreset, extraObjects: [String] = []) {
        self.preset = preset
        self.identity = ([preset.name] + extraObjects).joined(separator: "\u{1F}")
        var index: [String: [Cue]] = [:]
        let extra = extraObjects.flatMap(TextNormalizer.tokens)
        var nouns = Set(extra)
        for (state, definition) in preset.states.enumerated() {
            for phrase in definition.cues {
                let tokens = TextNormalizer.tokens(phrase)
                if let first = tokens.first {
                    index[first, default: []].append(Cue(state: state, tokens: tokens, objects: nil))
                }
            }
            for frame in definition.frames {
                let objects = Set(frame.objects.flatMap(TextNormalizer.tokens) + extra)
                nouns.formUnion(objects)
                for phrase in frame.predicates {
                    let tokens = TextNormalizer.tokens(phrase)
                    // A one-word predicate that is itself one of its objects (“pause”, “offer”) names the thing.
                    guard let first = tokens.first, tokens.count > 1 || !objects.contains(first) else {
                        continue
                    }
                    index[first, default: []].append(
                        Cue(state: state, tokens: tokens, objects: objects, reach: frame.reach)
                    )
                }
            }
        }
        self.nouns = nouns
        // Longest first; of two equally long, the one that counts alone; then in the preset's order.
        self.cuesByFirstToken = index.mapValues { cues in
            cues.enumerated().sorted { a, b in
                (a.element.tokens.count, a.element.objects == nil ? 1 : 0, -a.offset)
                    > (b.element.tokens.count, b.element.objects == nil ? 1 : 0, -b.offset)
            }.map(\.element)
        }
    }

    /// Creates a detector for a built-in preset.
    ///
    /// - Parameters:
    ///   - name: The preset's name, for example `negotiation`.
    ///   - extraObjects: Negotiated things a topic adds to its preset's (`objects:`).
    /// - Throws: An ``AnalysisError`` with code ``AnalysisError/Code/unknownStatusPreset`` when no built-in preset
    ///   has that name.
    public init(presetNamed name: String, extraObjects: [String] = []) throws(AnalysisError) {
        guard let preset = StatusPreset.named(name) else {
            let known = StatusPreset.builtIn.map(\.name).joined(separator: ", ")
            throw AnalysisError(
                code: .unknownStatusPreset,
                message: "the status preset '\(name)' does not exist; use one of: \(known)"
            )
        }
        self.init(preset: preset, extraObjects: extraObjects)
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
            for (tier, hits) in [titleHits, bodyHits].enumerated() {
                if let (state, hit) = best(in: hits, generic: generic) {
                    let sentence = texts[hit.text].sentence(around: hit.position)
                    return Detection(
                        status: preset.states[state].name,
                        cue: hit.cue,
                        sentence: sentence,
                        inHeadline: !generic && tier == 0 && title != nil
                    )
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
            // The longest phrase here that counts alone or has one of its objects near it; the same predicate may
            // report different states about different things (“halts the talks”, “halts inspections”).
            guard let candidates = cuesByFirstToken[tokens[position].text],
                let cue = candidates.first(where: { cue in
                    matches(cue.tokens, in: tokens, at: position)
                        && cue.objects.map {
                            hasObject($0, in: text, around: position, count: cue.tokens.count, reach: cue.reach)
                        } ?? true
                })
            else {
                position += 1
                continue
            }
            if !isNegated(tokens, at: position), !isHedged(tokens, at: position),
                !isRecap(tokens, after: position + cue.tokens.count - 1), !opensWithPeriod(tokens, at: position)
            {
                if hits[cue.state].count == 0 {
                    hits[cue.state].cue = text.original(from: position, through: position + cue.tokens.count - 1)
                    hits[cue.state].text = number
                    hits[cue.state].position = position
                }
                hits[cue.state].count += 1
                // A phrase is one report: its own words do not start another (“deal reached” is not also “reached”).
                position += cue.tokens.count
                continue
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

    /// Whether one of `objects` stands within ``objectWindow`` tokens of the phrase at `position`, in its clause
    /// (or, with a `reach`, within that many tokens after it), as the head of its noun phrase.
    ///
    /// A noun that only modifies the next one is not the thing the predicate is about: in “halts grain corridor
    /// inspections” the object is the inspections, not the corridor, and in “reach port since the deal's end” (a
    /// possessive after the predicate) it is the end, not the deal.
    private func hasObject(
        _ objects: Set<String>,
        in text: TextNormalizer.ScannedText,
        around position: Int,
        count: Int,
        reach: Int? = nil
    ) -> Bool {
        let tokens = text.tokens
        func isHead(_ index: Int) -> Bool {
            let next = index + 1
            return next >= tokens.count || tokens[next].startsClause || !nouns.contains(tokens[next].text)
        }
        var index = position - 1
        while reach == nil, index >= 0, index >= position - Self.objectWindow,
            !Self.clauseLinks.contains(tokens[index].text)
        {
            if objects.contains(tokens[index].text), isHead(index) {
                return true
            }
            if tokens[index].startsClause {
                break
            }
            index -= 1
        }
        index = position + count
        let after = reach ?? Self.objectWindow
        while index < tokens.count, index < position + count + after, !tokens[index].startsClause,
            !Self.clauseLinks.contains(tokens[index].text)
        {
            if isHead(index), !text.isPossessive(index), nouns.contains(tokens[index].text) {
                // The first negotiated thing heading a noun phrase after the predicate is its object: in “hold
                // indirect talks on truce details” the talks are held, not the truce.
                return objects.contains(tokens[index].text)
            }
            index += 1
        }
        return false
    }

}
