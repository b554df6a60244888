/// Modality: whether a cue is reported as fact. Negation (`nothing has been signed`, a denied claim), hedges and
/// intentions (`could`, `plans to`), an infinitive (`truce to begin`), hearsay, and recaps (a past perfect, a
/// recap word or a period after the cue, a period adverbial opening the sentence) keep a cue from counting.
extension StatusDetector {
    /// Tokens that negate a cue that follows them closely.
    public static let negators: Set<String> = [
        "not", "no", "never", "without", "denied", "denies", "deny", "denying", "nor", "neither", "cannot",
        "didnt", "doesnt", "dont", "hasnt", "havent", "hadnt", "isnt", "arent", "wasnt", "werent", "wont",
        "cant", "couldnt", "wouldnt", "shouldnt", "nothing", "none", "nobody",
    ]

    /// What a denial denies: “rejected claims that …”, “dismissed reports that …”.
    static let claims: Set<String> = [
        "claims", "claim", "reports", "report", "accusations", "allegations", "suggestions", "charges",
    ]
    /// Verbs that deny a claim.
    static let denials: Set<String> = [
        "rejected", "rejects", "reject", "dismissed", "dismisses", "dismiss", "denied", "denies", "deny", "refuted",
        "refutes", "disputed", "disputes",
    ]

    /// Tokens that, before a cue in the same clause, make it hypothetical: the status is not reported as fact.
    public static let hedges: Set<String> = [
        "could", "might", "may", "would", "should", "if", "unless", "whether", "threatened", "threatens",
        "threatening", "considering", "considers", "weighing", "weighs", "expected", "likely", "poised", "ready",
        "rumours", "rumors", "rumoured", "rumored", "unconfirmed", "speculation", "reportedly", "allegedly",
        "will", "shall", "plans", "planned", "planning", "aims", "hopes", "seeks", "wants", "urged", "urges", "urging",
        "warns", "warned", "vows", "vowed", "pledges", "pledged", "intends", "intended",
    ]

    /// Words that make a following cue an intention only when `to` follows them (“rebels vow to quit”), because they
    /// are nouns too (“the truce plan”).
    public static let intentions: Set<String> = [
        "vow", "pledge", "plan", "aim", "hope", "seek", "want", "threaten", "intend", "promise", "offer",
    ]

    /// Words after which an infinitive reports the step itself: “the cabinet voted to approve the deal”, “ships
    /// began to sail”, “backs the decision to reject the offer”.
    public static let factLeads: Set<String> = [
        "vote", "votes", "voted", "decide", "decides", "decided", "decision", "begin", "begins", "began", "start",
        "starts", "started", "continue", "continues", "continued", "move", "moves", "moved", "opt", "opts", "opted",
    ]

    /// Words whose object is what is answered (“responds to the proposal”): a cue there names an earlier step.
    public static let replies: Set<String> = [
        "respond", "responds", "responded", "responding", "response", "responses", "reply", "replies", "replied",
        "answer", "answers", "answered", "reaction", "reacts", "reacted",
    ]

    /// Tokens that, right after a cue, place it in the past: the item recaps an earlier stage.
    public static let recaps: Set<String> = [
        "last", "earlier", "ago", "previously", "before", "yesterday",
    ]

    /// Words that put a period after a cue: “in May”, “during 2023”, “throughout early June”.
    static let periodLeads: Set<String> = ["in", "during", "throughout"]
    static let periodParts: Set<String> = ["early", "mid", "late"]
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    /// How many tokens after a cue, in its clause, a period may stand.
    static let periodWindow = 6

    /// Tokens that, right before a cue, mark it as a recap of an earlier stage.
    public static let recapLeads: Set<String> = ["previously", "earlier", "originally", "once", "already"]

    /// How many tokens before a cue are searched for a negator.
    public static let negationWindow = 5

    /// Whether the phrase at `position` is reported as something that will, may or had happened rather than as
    /// fact: a modal, conditional, intention or hearsay before it in its clause, a future (`to be signed`), or a
    /// past perfect (`had agreed`, `had been signed`), which recaps an earlier stage.
    func isHedged(_ tokens: [TextNormalizer.Token], at position: Int) -> Bool {
        func word(_ offset: Int) -> String? {
            position - offset >= 0 ? tokens[position - offset].text : nil
        }
        if word(1) == "had" || (word(1) == "been" && word(2) == "had") {
            // A past perfect recaps an earlier stage, unless it is reported speech shifted back (“Israel said Hamas
            // had violated the truce”): the report is today's.
            let had = position - (word(1) == "had" ? 1 : 2)
            return !isReportedSpeech(tokens, before: had)
        }
        if word(1) == "be" && word(2) == "to" {
            return true
        }
        // An infinitive is a step not yet taken (“truce to begin on Friday”, “refuses to release hostages”,
        // “set to take effect”), unless a verb that reports the step itself leads it (“voted to approve”).
        if word(1) == "to", !isLedByFact(tokens, to: position - 1) {
            return true
        }
        // A verb joined to an infinitive is one too: “a roadmap to end the war and free hostages”.
        if word(1) == "and" || word(1) == "or", isInfinitive(tokens, before: position - 1) {
            return true
        }
        var index = position - 1
        while index >= 0, index >= position - 6 {
            if Self.hedges.contains(tokens[index].text) {
                return true
            }
            if Self.intentions.contains(tokens[index].text), index + 1 < position, tokens[index + 1].text == "to" {
                return true
            }
            if index == position - 1, Self.recapLeads.contains(tokens[index].text) {
                return true
            }
            // The thing a reply answers is named, not reported: “responds to the truce proposal”.
            if tokens[index].text == "to", index >= position - 3, index > 0,
                Self.replies.contains(tokens[index - 1].text)
            {
                return true
            }
            if tokens[index].startsClause {
                return false
            }
            index -= 1
        }
        return false
    }

    /// Whether an infinitive (`to` and a word that is no determiner or number) stands in the clause within a
    /// few tokens before `end`, not led by a verb that reports the step itself (``factLeads``).
    func isInfinitive(_ tokens: [TextNormalizer.Token], before end: Int) -> Bool {
        var index = end - 1
        while index > 0, index >= end - 6, !tokens[index].startsClause {
            if tokens[index].text == "to", index + 1 < end, !Self.determiners.contains(tokens[index + 1].text),
                tokens[index + 1].text.first?.isNumber == false
            {
                return !isLedByFact(tokens, to: index)
            }
            index -= 1
        }
        return false
    }

    /// Whether a verb that reports the step itself (``factLeads``: a vote, a decision, a beginning) leads the `to`
    /// at `to`, within a few tokens of its clause (“voted late on Tuesday to approve”).
    func isLedByFact(_ tokens: [TextNormalizer.Token], to: Int) -> Bool {
        hasWord(of: Self.factLeads, in: tokens, before: to, within: 4)
    }

    /// Whether a reporting verb (`said`, `told`, `accused`) stands within a few tokens before `end` in its clause.
    func isReportedSpeech(_ tokens: [TextNormalizer.Token], before end: Int) -> Bool {
        hasWord(of: Self.reportingVerbs, in: tokens, before: end, within: 3)
    }

    /// Whether one of `words` stands within `reach` tokens before `end`, in the same clause.
    private func hasWord(
        of words: Set<String>,
        in tokens: [TextNormalizer.Token],
        before end: Int,
        within reach: Int
    ) -> Bool {
        var index = end - 1
        while index >= 0, index >= end - reach {
            if words.contains(tokens[index].text) {
                return true
            }
            if tokens[index].startsClause {
                return false
            }
            index -= 1
        }
        return false
    }

    /// Verbs that report what someone says.
    static let reportingVerbs: Set<String> = [
        "said", "says", "told", "tells", "stated", "states", "added", "adds", "accused", "accuses", "claimed",
        "claims", "insisted", "insists", "announced", "announces", "confirmed", "confirms",
    ]

    /// Whether the sentence holding `position` opens with a period adverbial (“Under the truce agreed in November,
    /// …”, “In March, …”, “During early April …”): the whole sentence is background, not today's news.
    func opensWithPeriod(_ tokens: [TextNormalizer.Token], at position: Int) -> Bool {
        var start = position
        while start > 0, !tokens[start].startsClause {
            start -= 1
        }
        guard Self.periodOpeners.contains(tokens[start].text) else {
            return false
        }
        var index = start + 1
        while index < min(position, start + Self.periodWindow + 1) {
            if isPeriod(tokens, at: index) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Prepositions that open a period adverbial at a sentence's start.
    static let periodOpeners: Set<String> = ["under", "during", "in", "throughout", "since"]

    /// Words that open a noun phrase: after `to` they make it a preposition, not an infinitive.
    static let determiners: Set<String> = [
        "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our", "all", "any", "some",
    ]

    /// Whether the phrase ending at `last` is placed in the past by what follows it in its clause: a recap word
    /// right after it (“rejected last week”), a year (“agreed in 2024”) or a whole month (“ships left in May”,
    /// “during early April”): news reports today's events by the day, a period is a summary of earlier ones.
    func isRecap(_ tokens: [TextNormalizer.Token], after last: Int) -> Bool {
        var index = last + 1
        while index < tokens.count, index <= last + Self.periodWindow, !tokens[index].startsClause {
            let word = tokens[index].text
            if index <= last + 3, Self.recaps.contains(word) {
                return true
            }
            if Self.periodLeads.contains(tokens[index - 1].text), isPeriod(tokens, at: index) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether a year or a month (after an optional `early`, `mid` or `late`) stands at `index`.
    func isPeriod(_ tokens: [TextNormalizer.Token], at index: Int) -> Bool {
        var word = tokens[index].text
        if Self.periodParts.contains(word), index + 1 < tokens.count {
            word = tokens[index + 1].text
        }
        if word.count == 4, let year = Int(word) {
            return (1900...2100).contains(year)
        }
        return Self.months.contains(word)
    }

    func isNegated(_ tokens: [TextNormalizer.Token], at position: Int) -> Bool {
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
            // A claim denied is no report: “Israel rejected claims that it was blocking aid”.
            if Self.claims.contains(word), index > 0, Self.denials.contains(tokens[index - 1].text) {
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
