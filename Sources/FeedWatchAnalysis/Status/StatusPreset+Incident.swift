import FeedWatchCore

extension StatusPreset {
    /// The `incident` preset, for an unfolding event such as an attack, an outage, a fire or a spill.
    ///
    /// Its states, highest priority first: `resolved`, `contained`, `investigating`, `escalating`, `casualties`,
    /// and the generic `reported`. A later stage outranks an earlier one when both are mentioned.
    public static let incident = StatusPreset(
        name: "incident",
        states: [
            State(
                name: "resolved",
                cues: [
                    "resolved", "restored", "back to normal", "reopened", "all clear", "lifted the evacuation",
                    "evacuation order lifted", "fully operational", "service restored", "power restored",
                ]
            ),
            State(
                name: "contained",
                cues: [
                    "contained", "under control", "brought under control", "extinguished", "stabilised",
                    "stabilized", "sealed off", "cordoned off", "no longer spreading",
                ]
            ),
            State(
                name: "investigating",
                cues: [
                    "investigation", "investigating", "investigators", "inquiry", "probe", "probing", "arrested",
                    "charged", "suspect", "cause of the",
                ]
            ),
            State(
                name: "escalating",
                cues: [
                    "spreading", "spread to", "escalated", "escalating", "worsening", "intensified", "evacuated",
                    "evacuation", "state of emergency", "second blast", "more outages",
                ]
            ),
            State(
                name: "casualties",
                cues: [
                    "killed", "dead", "died", "deaths", "death toll", "injured", "wounded", "casualties", "missing",
                    "hospitalised", "hospitalized",
                ]
            ),
            State(
                name: "reported",
                cues: [
                    "attack", "explosion", "blast", "fire", "outage", "crash", "collision", "spill", "leak", "shooting",
                    "incident", "emergency services",
                ],
                isGeneric: true
            ),
        ]
    )
}
