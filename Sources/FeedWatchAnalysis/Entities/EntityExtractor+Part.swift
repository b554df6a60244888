extension EntityExtractor {
    /// Role words whose holder takes part in talks by holding them (`Special Envoy Lena Hartmann`, `the chief
    /// negotiator`).
    static let partRoles: Set<String> = [
        "envoy", "negotiator", "mediator", "delegate", "facilitator", "broker",
    ]

    /// Negotiated things: a role tied to one (`the UN coordinator for the initiative`, `head of the ceasefire
    /// commission`) takes part, where the same title alone (`relief coordinator`) is a job, not a part in the talks.
    static let partObjects: Set<String> = [
        "deal", "initiative", "agreement", "accord", "pact", "truce", "ceasefire", "talks", "negotiations",
        "arrangement", "corridor", "plan", "process",
    ]

    /// Verbs of taking part, every form: signing, meeting, negotiating, brokering, hosting, chairing, travelling to
    /// or visiting the talks, putting a proposal, and entering an office (`was appointed`, `named … as its
    /// negotiator`): a new leader or envoy enters the talks.
    static let partVerbs: Set<String> = Set(
        [
            "sign", "meet", "negotiate", "mediate", "broker", "host", "chair", "visit", "travel", "fly", "lead",
            "discuss", "propose", "submit", "initial", "appoint", "elect", "name",
        ].flatMap { VerbForms.of($0) } + ["travelled", "travelling", "initialled"]  // British doubling
    )

    /// Nouns of talks: a name they govern (`talks in Geneva with … Rebeca Grynspan`) or that follows them after a
    /// speech verb (`said after talks with …`) took part.
    static let partNouns: Set<String> = ["talks", "negotiations", "meeting", "meetings"]

    /// Verbs that report speech: a name that only says, tells, welcomes or warns comments on the talks; what it
    /// says is about others.
    static let speechVerbs: Set<String> = Set(
        [
            "say", "tell", "add", "warn", "stress", "note", "welcome", "call", "urge", "accuse", "write", "claim",
            "insist", "argue", "quote", "describe", "praise", "criticise", "criticize", "condemn", "thank", "credit",
            "announce", "confirm", "deny", "suggest",
        ].flatMap { VerbForms.of($0) } + ["according"]
    )

    /// How far the look for a verb of taking part reaches, in words: after a name (its verb) and before it (the
    /// verb or talks it is the object of).
    static let partReachAfter = 5
    static let partReachBefore = 8

    /// Whether the text shows the named person taking part in the talks, not only commenting on them.
    ///
    /// A person takes part when the role the text gives them is a negotiating one (``partRoles``) or tied to the
    /// negotiated thing (``partObjects``: `coordinator for the initiative`), when a verb of
    /// taking part follows the name in its clause (`Foreign Minister Sergei Lavrov will travel to Turkey`, `Defence
    /// Minister Sergei Shoigu signed`), when the name is the object of one or of talks (`Lavrov met Turkish Foreign
    /// Minister Hakan Fidan`, `signed for Russia and Infrastructure Minister Oleksandr Kubrakov for Ukraine`,
    /// `talks in Geneva with UN trade chief Rebeca Grynspan`), or when their statement came after talks (`Deputy
    /// Foreign Minister Sergei Vershinin said on Monday after talks in Geneva`). A name followed by a verb of
    /// speech alone (`said`, `welcomed`, `was quoted as saying`) comments: the verbs inside what it says belong to
    /// others (`Podolyak said any provocation would meet a response`).
    ///
    /// - Parameters:
    ///   - words: The text's words.
    ///   - range: Where the name (with its title) is.
    ///   - role: The role the text gives the name, lower-cased.
    static func takesPart(_ words: [Word], _ range: Range<Int>, role: String?) -> Bool {
        if let role {
            let parts = role.split(separator: " ").map(String.init)
            if parts.contains(where: partRoles.contains) {
                return true
            }
            if let tie = parts.firstIndex(where: { $0 == "for" || $0 == "of" }),
                parts[(tie + 1)...].contains(where: partObjects.contains)
            {
                return true
            }
        }
        return partFollows(words, range.upperBound) || partPrecedes(words, range.lowerBound)
    }

    /// A verb of taking part after a name, before the clause or sentence ends; after a speech verb only talks
    /// it came after count (`said on Monday after talks`).
    private static func partFollows(_ words: [Word], _ end: Int) -> Bool {
        guard end > 0, end < words.count, !words[end - 1].endsSentence else {
            return false
        }
        var index = end
        if words[end - 1].endsName {
            // An apposition (`Piet Vermeulen, the UN coordinator, will chair`): the verb comes after it.
            guard let close = apposition(words, from: end) else {
                return false
            }
            index = close
        }
        let start = index
        while index < words.count, index - start < partReachAfter {
            let lower = words[index].lower
            if partVerbs.contains(lower) {
                return true
            }
            if speechVerbs.contains(lower) {
                return talksFollowSpeech(words, index + 1)
            }
            if words[index].endsName {
                return false
            }
            index += 1
        }
        return false
    }

    /// Where the words after an apposition that starts at `start` begin: after the next comma or dash within a
    /// few words, when the apposition opens with an article or a possessive (`Ron Dermer, Israel's strategic
    /// affairs minister, will lead`); right after `who` for a relative clause; `nil` otherwise.
    private static func apposition(_ words: [Word], from start: Int) -> Int? {
        guard start < words.count else {
            return nil
        }
        // A relative clause says what the name does: `Khalil al-Hayya, who leads the negotiating team`.
        if words[start].lower == "who" {
            return start + 1 < words.count ? start + 1 : nil
        }
        guard ["the", "a", "an"].contains(words[start].lower) || words[start].isPossessive else {
            return nil
        }
        var index = start
        while index < words.count, index - start < 8, !words[index].endsSentence {
            if words[index].endsName, !words[index].isPossessive {
                return index + 1 < words.count ? index + 1 : nil
            }
            index += 1
        }
        return nil
    }

    /// Whether `after` or `following` and a noun of talks come within a few words after a speech verb.
    private static func talksFollowSpeech(_ words: [Word], _ start: Int) -> Bool {
        var index = start
        var afterSeen = false
        while index < words.count, index - start < 5 {
            let lower = words[index].lower
            if lower == "after" || lower == "following" {
                afterSeen = true
            } else if afterSeen, partNouns.contains(lower) || partVerbs.contains(lower) {
                return true
            }
            if words[index].endsName {
                return false
            }
            index += 1
        }
        return false
    }

    /// A verb of taking part or a noun of talks before a name, in its clause (a comma or the sentence's start
    /// ends the look), with no speech verb between.
    private static func partPrecedes(_ words: [Word], _ start: Int) -> Bool {
        var index = start - 1
        while index >= 0, start - index <= partReachBefore, !words[index].endsSentence, !words[index].endsName {
            let lower = words[index].lower
            if partVerbs.contains(lower) || partNouns.contains(lower) {
                return true
            }
            if speechVerbs.contains(lower) {
                return false
            }
            index -= 1
        }
        return false
    }
}
