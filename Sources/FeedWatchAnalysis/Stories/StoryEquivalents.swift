import Foundation

/// Words that name one thing, per status preset, so that two outlets reporting one event in their own words share
/// its terms: "signs off on a four-day pause" and "approves a truce" meet at `approve` and `ceasefire`.
///
/// Each group is a canonical word and its equivalents. Every listed word is expanded into its usual inflections
/// (`-s`, `-es`, `-ed`, `-d`, `-ing`, a final `e` dropped before `-ing`), each inflection is reduced to its index
/// term (``TextNormalizer/term(_:)``), and that term's hash is mapped to the canonical word's term hash. The
/// mapping is applied to an item's term frequencies before tf-idf (``canonical(_:)``), so the words of a group
/// count as one term with one document frequency. The groups are generic vocabulary of the preset's domain (how
/// news writes about negotiations, bills, incidents), never words taken from one data set; a group holds only
/// words that name the same thing in every report of that domain.
public struct StoryEquivalents: Sendable {
    /// The term hash each mapped term hash becomes.
    public let mapping: [UInt64: UInt64]

    /// Creates a table from groups of equivalent words, the first word of each group being its canonical form.
    ///
    /// - Parameter groups: Lowercase words; each group's first word is the one the others become.
    public init(groups: [[String]]) {
        var mapping: [UInt64: UInt64] = [:]
        for group in groups {
            guard let first = group.first, let canonical = TextNormalizer.term(first) else {
                continue
            }
            let target = TermVector.hash(canonical)
            for word in group {
                for form in Self.inflections(of: word) {
                    guard let term = TextNormalizer.term(form), term != canonical else {
                        continue
                    }
                    mapping[TermVector.hash(term)] = mapping[TermVector.hash(term)] ?? target
                }
            }
        }
        self.mapping = mapping
    }

    /// Whether the table maps no term.
    public var isEmpty: Bool { mapping.isEmpty }

    /// An item's term frequencies with every mapped term replaced by its canonical term; the weights of terms that
    /// meet are added.
    ///
    /// - Parameter frequencies: Term frequencies from ``StoryClusterer/frequencies(title:text:)``.
    /// - Returns: The frequencies over canonical terms.
    public func canonical(_ frequencies: TermVector) -> TermVector {
        guard !mapping.isEmpty, frequencies.terms.contains(where: { mapping[$0] != nil }) else {
            return frequencies
        }
        var merged: [UInt64: Double] = [:]
        for (term, weight) in zip(frequencies.terms, frequencies.weights) {
            merged[mapping[term] ?? term, default: 0] += weight
        }
        let terms = merged.keys.sorted()
        return TermVector(terms: terms, weights: terms.map { merged[$0] ?? 0 })
    }

    /// The usual inflections of a word, the word first.
    ///
    /// - Parameter word: A lowercase word.
    /// - Returns: The word with `-s`, `-es`, `-ed`/`-d` and `-ing` (dropping a final `e`).
    static func inflections(of word: String) -> [String] {
        var forms = [word, word + "s", word + "es"]
        if word.hasSuffix("e") {
            forms += [word + "d", String(word.dropLast()) + "ing"]
        } else {
            forms += [word + "ed", word + "ing"]
        }
        return forms
    }

    /// The table of a status preset, empty for a preset that has none.
    ///
    /// - Parameter preset: The preset's name, such as `negotiation`.
    /// - Returns: The preset's equivalents.
    public static func forPreset(_ preset: String?) -> StoryEquivalents {
        switch preset?.lowercased() {
        case "negotiation": negotiation
        default: none
        }
    }

    /// The empty table.
    public static let none = StoryEquivalents(groups: [])

    /// How news writes about negotiations: the negotiated thing, the moves of the parties, the people at the table.
    public static let negotiation = StoryEquivalents(groups: [
        ["ceasefire", "truce", "pause", "armistice"],
        ["hostage", "captive", "abductee"],
        ["agreement", "deal", "accord", "pact", "arrangement", "treaty"],
        ["talks", "talk", "negotiation", "negotiate", "negotiator", "parley"],
        ["proposal", "propose", "offer", "plan", "framework", "blueprint"],
        ["sign", "ink", "seal"],
        ["approve", "approval", "endorse", "ratify", "ratification"],
        ["reject", "rejection", "rebuff", "spurn", "refuse", "refusal"],
        ["suspend", "suspension", "freeze", "halt"],
        ["withdraw", "withdrawal", "quit", "exit", "pullout"],
        ["extend", "extension", "renew", "renewal", "prolong", "rollover"],
        ["resume", "resumption", "rejoin", "restart", "revive", "revival"],
        ["mediator", "mediate", "mediation", "broker", "intermediary"],
        ["envoy", "emissary", "delegation", "delegate"],
        ["violate", "violation", "breach"],
        ["guarantee", "assurance", "pledge"],
    ])
}
