import FeedWatchCore

extension StatusPreset {
    /// The `legislation` preset, for a bill on its way through a legislature.
    ///
    /// Its states, highest priority first: `struck_down`, `vetoed`, `enacted`, `passed`, `failed`, `amended`,
    /// `in_committee`, `introduced`, and the generic `debated`. A later stage outranks an earlier one when both are
    /// mentioned (“the bill, introduced in May, was signed into law”).
    public static let legislation = StatusPreset(
        name: "legislation",
        states: [
            State(name: "struck_down", cues: ["struck down", "strikes down", "ruled unconstitutional", "overturned"]),
            State(name: "vetoed", cues: ["vetoed", "vetoes", "veto"]),
            State(
                name: "enacted",
                cues: [
                    "signed into law", "signs into law", "became law", "becomes law", "enacted", "royal assent",
                    "comes into force", "came into force", "took effect", "takes effect",
                ]
            ),
            State(
                name: "passed",
                cues: [
                    "passed", "passes", "approved the bill", "approves the bill", "voted for the bill",
                    "cleared the", "clears the", "adopted", "adopts",
                ]
            ),
            State(
                name: "failed",
                cues: [
                    "voted down", "votes down", "rejected the bill", "rejects the bill", "failed to pass",
                    "fails to pass", "defeated", "shelved", "withdrawn", "withdrew the bill",
                ]
            ),
            State(name: "amended", cues: ["amended", "amends", "amendment", "amendments", "revised the bill"]),
            State(
                name: "in_committee",
                cues: ["committee", "committees", "hearing", "hearings", "markup", "select committee"]
            ),
            State(
                name: "introduced",
                cues: [
                    "introduced", "introduces", "tabled", "tables a bill", "proposed a bill", "proposes a bill",
                    "draft law", "unveiled a bill", "unveils a bill", "first reading",
                ]
            ),
            State(
                name: "debated",
                cues: ["bill", "legislation", "lawmakers", "debate", "debated", "parliament", "congress", "senate"],
                isGeneric: true
            ),
        ]
    )
}
