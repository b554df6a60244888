/// The inflected forms of an English verb phrase, so a lexicon lists each predicate once, by its lemma: `sign off on`
/// stands for `sign off on`, `signs off on`, `signed off on` and `signing off on`.
///
/// Only the first word is inflected. Regular verbs follow the spelling rules (`agree` → `agreed`, `ratify` →
/// `ratifies`, `reach` → `reaches`); irregular ones and doubled consonants come from a table.
enum VerbForms {
    /// Irregular verbs and verbs that double their last consonant: lemma → third person, past, participle,
    /// gerund.
    private static let irregular: [String: [String]] = [
        "begin": ["begins", "began", "begun", "beginning"],
        "draw": ["draws", "drew", "drawn", "drawing"],
        "break": ["breaks", "broke", "broken", "breaking"],
        "come": ["comes", "came", "come", "coming"],
        "fall": ["falls", "fell", "fallen", "falling"],
        "fly": ["flies", "flew", "flown", "flying"],
        "freeze": ["freezes", "froze", "frozen", "freezing"],
        "go": ["goes", "went", "gone", "going"],
        "hold": ["holds", "held", "held", "holding"],
        "leave": ["leaves", "left", "left", "leaving"],
        "meet": ["meets", "met", "met", "meeting"],
        "lay": ["lays", "laid", "laid", "laying"],
        "lead": ["leads", "led", "led", "leading"],
        "put": ["puts", "put", "put", "putting"],
        "quit": ["quits", "quit", "quit", "quitting"],
        "rule": ["rules", "ruled", "ruled", "ruling"],
        "say": ["says", "said", "said", "saying"],
        "scrap": ["scraps", "scrapped", "scrapped", "scrapping"],
        "set": ["sets", "set", "set", "setting"],
        "shelve": ["shelves", "shelved", "shelved", "shelving"],
        "sit": ["sits", "sat", "sat", "sitting"],
        "snub": ["snubs", "snubbed", "snubbed", "snubbing"],
        "stop": ["stops", "stopped", "stopped", "stopping"],
        "strike": ["strikes", "struck", "struck", "striking"],
        "submit": ["submits", "submitted", "submitted", "submitting"],
        "take": ["takes", "took", "taken", "taking"],
        "tell": ["tells", "told", "told", "telling"],
        "veto": ["vetoes", "vetoed", "vetoed", "vetoing"],
        "withdraw": ["withdraws", "withdrew", "withdrawn", "withdrawing"],
        "write": ["writes", "wrote", "written", "writing"],
        "win": ["wins", "won", "won", "winning"],
    ]

    /// The forms of a verb phrase: the lemma's and its inflections', each followed by the rest of the phrase.
    ///
    /// - Parameter phrase: A verb phrase by its lemma, such as `take effect`.
    /// - Returns: The phrase in every form, the lemma's first.
    static func of(_ phrase: String) -> [String] {
        let words = phrase.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first else {
            return []
        }
        let rest = words.count > 1 ? " " + words[1] : ""
        var forms = [verb] + (irregular[verb] ?? regular(verb))
        var seen = Set<String>()
        forms = forms.filter { seen.insert($0).inserted }
        return forms.map { $0 + rest }
    }

    /// Third person, past (and participle) and gerund of a regular verb.
    private static func regular(_ verb: String) -> [String] {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if verb.hasSuffix("ee") {
            return [verb + "s", verb + "d", verb + "ing"]
        }
        if verb.hasSuffix("e") {
            return [verb + "s", verb + "d", String(verb.dropLast()) + "ing"]
        }
        if verb.hasSuffix("y"), let before = verb.dropLast().last, !vowels.contains(before) {
            let stem = String(verb.dropLast())
            return [stem + "ies", stem + "ied", verb + "ing"]
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { verb.hasSuffix($0) }) {
            return [verb + "es", verb + "ed", verb + "ing"]
        }
        return [verb + "s", verb + "ed", verb + "ing"]
    }
}
