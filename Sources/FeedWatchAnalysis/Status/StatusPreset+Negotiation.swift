import FeedWatchCore

extension StatusPreset {
    /// The `negotiation` preset, for talks such as ceasefire or trade negotiations.
    ///
    /// Its states, highest priority first: `collapsed`, `violated`, `rejected`, `in_effect`, `agreed`, `stalled`,
    /// `proposed`, and the generic `negotiating`. Later stages outrank earlier ones so that a recap of an earlier
    /// stage in the same sentence (“the truce agreed last week took effect”) does not win a tie.
    public static let negotiation = StatusPreset(
        name: "negotiation",
        states: [
            State(
                name: "collapsed",
                cues: [
                    "collapsed", "collapses", "collapse of", "broke down", "breaks down", "broken down", "fell apart",
                    "falls apart", "fallen apart", "ended the truce", "ended the ceasefire", "fighting resumed",
                    "resumed fighting", "called off the truce", "called off the ceasefire",
                ]
            ),
            State(
                name: "violated",
                cues: [
                    "violated", "violates", "violating", "violation", "violations", "breach", "breached", "breaches",
                    "broke the truce", "broke the ceasefire", "breaking the truce", "breaking the ceasefire",
                ]
            ),
            State(
                name: "rejected",
                cues: [
                    "rejected", "rejects", "reject", "rejecting", "rejection", "dismissed", "dismisses", "turned down",
                    "turns down", "turning down", "refused", "refuses", "spurned", "spurns", "walked away from",
                    "walks away from", "said no to", "says no to",
                ]
            ),
            State(
                name: "in_effect",
                cues: [
                    "took effect", "takes effect", "taken effect", "taking effect", "came into force",
                    "comes into force", "entered into force", "enters into force", "went into effect",
                    "goes into effect", "came into effect", "comes into effect", "in effect",
                    "truce is holding", "ceasefire is holding", "truce held", "ceasefire held", "guns fell silent",
                    "guns have fallen silent",
                ]
            ),
            State(
                name: "agreed",
                cues: [
                    "agreed", "agrees", "reached a deal", "reached an agreement", "reaches a deal",
                    "reached a ceasefire", "reached a truce", "struck a deal", "strikes a deal", "deal reached",
                    "agreement reached", "accepted the", "accepts the", "signed", "sealed a deal",
                ]
            ),
            State(
                name: "stalled",
                cues: [
                    "stalled", "stall", "stalls", "deadlock", "deadlocked", "impasse", "stalemate", "standstill",
                    "no progress", "bogged down", "hit a snag", "hits a snag", "suspended", "suspends", "paused",
                    "postponed", "on hold",
                ]
            ),
            State(
                name: "proposed",
                cues: [
                    "proposed", "proposes", "propose", "proposal", "proposals", "put forward", "puts forward",
                    "putting forward", "unveiled a plan", "unveils a plan", "unveiled a proposal", "draft deal",
                    "draft agreement", "floated", "floats", "tabled", "offered a", "offers a", "new plan",
                ]
            ),
            State(
                name: "negotiating",
                cues: [
                    "talks", "negotiations", "negotiating", "negotiate", "negotiators", "negotiator", "mediators",
                    "mediator", "mediation", "mediating", "delegation", "delegations", "shuttle diplomacy",
                ],
                isGeneric: true
            ),
        ]
    )
}
