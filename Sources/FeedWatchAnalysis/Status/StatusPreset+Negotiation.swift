import FeedWatchCore

extension StatusPreset {
    /// The `negotiation` preset, for talks such as ceasefire or trade negotiations.
    ///
    /// Its states, highest priority first: `collapsed`, `violated`, `rejected`, `in_effect`, `agreed`, `stalled`,
    /// `proposed`, and the generic `negotiating`. Later stages outrank earlier ones so that a recap of an earlier
    /// stage in the same sentence (“the truce agreed last week took effect”) does not win a tie.
    ///
    /// Each state is read from an event frame: a predicate (listed by its lemma, every inflection matched, several
    /// words where the phrase needs them: *sign off on*, *take hold*, *walk away from*) about the negotiated thing
    /// (the deal, the offer or the talks, whichever the state can be about) in the same clause. Phrases that carry
    /// their own object (*reached a deal*, *took effect*, *impasse*) count alone.
    public static let negotiation = StatusPreset(
        name: "negotiation",
        states: [
            State(
                name: "collapsed",
                cues: [
                    "ended the truce", "ended the ceasefire", "fighting resumed", "resumed fighting",
                    "called off the truce", "called off the ceasefire",
                ],
                frames: [
                    // The deal ending. Talks that break down or that a party leaves end no deal: `stalled`.
                    Frame(
                        predicates: verbs(
                            Self.endings + [
                                "terminate", "scrap", "cease", "expire", "lapse", "tear up", "shatter", "wreck",
                                "unravel", "crumble", "disintegrate",
                            ]
                        ) + ["ends", "ended", "in tatters", "in ruins", "is over", "was over", "is dead", "was dead"],
                        objects: NegotiatedThing.deal
                    ),
                    // Walking away from the deal itself ends it; walking away from an offer or the talks rejects.
                    Frame(predicates: verbs(["walk away from"]), objects: NegotiatedThing.deal),
                ]
            ),
            State(
                name: "violated",
                cues: ["broke the truce", "broke the ceasefire", "breaking the truce", "breaking the ceasefire"],
                frames: [
                    Frame(
                        predicates: verbs(["violate", "breach"]) + ["violation", "violations", "breach", "breaches"],
                        objects: NegotiatedThing.deal + ["terms"]
                    ),
                    // A party keeping the deal's operations from running while it is in force.
                    Frame(
                        predicates: verbs(["block", "obstruct", "refuse", "prevent", "hold up"]),
                        objects: NegotiatedThing.operations
                    ),
                    // A party stopping its own part of the work: “halts inspections”, “stops registering ships”.
                    // (Traffic standing still with no one to blame is `stalled`.)
                    Frame(
                        predicates: verbs([
                            "halt", "stop", "freeze", "suspend", "paralyse", "paralyze", "curb", "postpone",
                        ]),
                        objects: NegotiatedThing.duties
                    ),
                ],
                follows: ["in_effect"]
            ),
            State(
                name: "rejected",
                cues: ["said no to", "says no to"],
                frames: [
                    Frame(
                        predicates: verbs([
                            "reject", "rebuff", "dismiss", "turn down", "refuse", "spurn", "rule out", "veto", "snub",
                            "balk at", "walk away from", "say no to",
                        ]) + ["rejection"],
                        objects: NegotiatedThing.offer + NegotiatedThing.deal + NegotiatedThing.talks
                            + NegotiatedThing.appeals
                    )
                ],
                follows: ["proposed", "negotiating", "stalled"]
            ),
            State(
                name: "in_effect",
                cues: verbs([
                    "take effect", "come into force", "enter into force", "go into effect", "come into effect",
                ])
                    + [
                        "truce is holding", "ceasefire is holding", "truce held", "ceasefire held", "guns fell silent",
                        "guns have fallen silent", "guns fall silent",
                    ],
                frames: [
                    Frame(
                        predicates: verbs([
                            "take hold", "fall silent", "hold", "rejoin", "return to", "implement", "begin", "start",
                            "kick in",
                        ])
                            + ["in effect", "in force", "under way"],
                        objects: NegotiatedThing.deal
                    ),
                    // What a truce trades, changing hands: hostages released, prisoners freed.
                    Frame(
                        predicates: verbs(["release", "free", "hand over", "set free"]),
                        objects: NegotiatedThing.captives
                    ),
                    // The deal's operations running: ships sail, convoys cross, inspections resume.
                    Frame(
                        predicates: verbs([
                            "sail", "set sail", "leave", "depart", "dock", "arrive", "enter", "cross", "pass through",
                            "flow", "resume", "restart",
                        ]),
                        objects: NegotiatedThing.operations
                    ),
                ],
                follows: ["agreed", "stalled", "violated"]
            ),
            State(
                name: "agreed",
                cues: [
                    "reached a deal", "reached an agreement", "reaches a deal", "reached a ceasefire",
                    "reached a truce",
                    "struck a deal", "strikes a deal", "deal reached", "agreement reached", "sealed a deal",
                ],
                frames: [
                    Frame(
                        predicates: verbs([
                            "agree", "sign", "reach", "approve", "endorse", "green light", "sign off on", "finalise",
                            "finalize", "conclude", "accept", "ratify", "broker", "hammer out", "nail down",
                        ]),
                        objects: NegotiatedThing.deal + NegotiatedThing.offer
                    ),
                    // Verbs that are nouns too (“launches strikes, shattering the truce”): only right before the deal.
                    Frame(
                        predicates: verbs(["seal", "clinch", "strike", "ink"]),
                        objects: NegotiatedThing.deal + NegotiatedThing.offer,
                        reach: 3
                    ),
                ],
                follows: ["proposed", "negotiating", "stalled", "rejected"]
            ),
            State(
                name: "stalled",
                cues: [
                    "deadlock", "deadlocked", "impasse", "stalemate", "standstill", "no progress", "bogged down",
                    "hit a snag", "hits a snag", "on hold", "dead end", "in limbo",
                ],
                frames: [
                    Frame(
                        predicates: verbs([
                            "stall", "suspend", "pause", "postpone", "freeze", "halt", "delay", "shelve", "put on hold",
                            "walk out of",
                        ]) + ["suspension"],
                        objects: NegotiatedThing.deal + NegotiatedThing.talks
                    ),
                    // Talks breaking down or left by a party, without a formal no: “talks collapse in Cairo”, “Israel
                    // pulls out of the talks”.
                    Frame(predicates: verbs(Self.endings), objects: NegotiatedThing.talks),
                    // The deal's traffic standing still: “no grain sailings planned”, “shipments halted”. (Blocked
                    // inspections are a party obstructing the deal: `violated`.)
                    Frame(predicates: ["no", "zero"], objects: NegotiatedThing.traffic, reach: 2),
                    Frame(
                        predicates: verbs(["halt", "suspend", "pause", "stop", "freeze", "cancel", "put on hold"]),
                        objects: NegotiatedThing.traffic
                    ),
                ],
                follows: ["proposed", "negotiating", "agreed", "in_effect", "violated"]
            ),
            State(
                name: "proposed",
                cues: [
                    "put forward", "puts forward", "putting forward", "draft deal", "draft agreement", "new plan",
                    "proposal", "proposals",
                ],
                frames: [
                    Frame(
                        predicates: verbs([
                            "propose", "float", "table", "unveil", "present", "submit", "offer", "suggest", "lay out",
                            "outline", "draw up", "pitch", "put forward", "hand", "send", "deliver",
                        ]),
                        objects: NegotiatedThing.offer + NegotiatedThing.deal
                    )
                ],
                follows: ["rejected", "collapsed"]
            ),
            State(
                name: "negotiating",
                cues: [
                    "talks", "negotiations", "negotiating", "negotiate", "negotiators", "negotiator", "mediators",
                    "mediator", "mediation", "mediating", "delegation", "delegations", "shuttle diplomacy",
                    // A reply with terms of its own keeps the question open.
                    "counter-offer", "counteroffer", "counter-proposal", "counterproposal", "counter-terms",
                    "names its price", "named its price",
                ],
                isGeneric: true,
                // Talks about a deal that is agreed or running (an extension, a dispute over its terms) do not take
                // it back to the table: only an open question can be under negotiation.
                follows: ["proposed", "rejected", "stalled", "collapsed"]
            ),
        ]
    )

    /// Verbs that end what they are about: the deal (`collapsed`) or the talks (`stalled`).
    static let endings = [
        "collapse", "fall apart", "break down", "abandon", "quit", "exit", "withdraw from", "pull out of", "call off",
    ]

    /// Every form of each verb phrase (see ``VerbForms``).
    static func verbs(_ lemmas: [String]) -> [String] {
        lemmas.flatMap(VerbForms.of)
    }

    /// What a negotiation's predicates can be about: the deal itself, an offer on the table, or the talks.
    enum NegotiatedThing {
        /// The agreement being made or kept.
        static let deal = [
            "deal", "deals", "truce", "truces", "ceasefire", "ceasefires", "pause", "agreement", "agreements", "accord",
            "accords", "pact", "arrangement", "initiative", "corridor", "memorandum", "armistice", "framework",
        ]
        /// What one side puts to the other.
        static let offer = [
            "proposal", "proposals", "offer", "offers", "plan", "plans", "terms", "draft", "package", "guarantees",
            "demands", "conditions", "framework", "bid", "roadmap", "blueprint",
        ]
        /// What one side asks of the other without offering terms: only refusing one is news (a rejection).
        static let appeals = ["appeal", "appeals", "plea", "pleas", "overture", "overtures"]
        /// The process itself.
        static let talks = ["talks", "negotiations", "mediation", "dialogue", "process"]
        /// The deal's traffic: what moves while it is in force, and stands still when it stalls.
        static let traffic = [
            "sailings", "sailing", "movements", "movement", "ships", "vessels", "shipments", "convoys", "departures",
            "crossings", "flights",
        ]
        /// The work the parties themselves do to keep a deal running: checking, registering, releasing.
        static let duties = [
            "inspection", "inspections", "inspecting", "inspectors", "checks", "registration", "registrations",
            "registering", "release", "releases", "handover", "handovers",
        ]
        /// The people a truce trades, plural: a singular is often a modifier (“releases a hostage video”), and one
        /// captive freed is seldom a truce at work.
        static let captives = ["hostages", "captives", "prisoners", "detainees"]
        /// What a deal in force sets moving: ships, convoys, exports, and the parties' own work on them.
        static let operations =
            [
                "ship", "ships", "vessel", "vessels", "cargo", "cargoes", "convoy", "convoys", "truck", "trucks",
                "shipment", "shipments", "export", "exports", "aid", "deliveries", "flights", "sailings",
            ] + duties
    }
}
