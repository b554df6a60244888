/// One status a topic can be in, and the cue phrases that report it: a state of a status preset, or one a
/// topic defines in its configuration.
public struct TopicStatus: Sendable, Equatable {
    /// The status name reported in alerts, for example `rejected`.
    public var name: String
    /// Cue phrases; each is normalised and matched as consecutive tokens, so `turned down` also matches
    /// `Turned  down`.
    public var cues: [String]
    /// Whether the state is a generic fallback that any specific state overrides.
    public var isGeneric: Bool
    /// Predicates that report the state only about the negotiated thing: each counts when one of ``objects``
    /// stands near it in the same clause (“the cabinet approves the deal”, “the truce took hold”), so “rejected the
    /// accusations” or “agree on a venue” do not.
    public var predicates: [String]
    /// The negotiated things ``predicates`` must be about: `deal`, `truce`, `proposal`, …
    public var objects: [String]
    /// The states this one can follow; empty when it can follow any. A report of the state while the topic is in
    /// another one is not news of a change (a deal cannot be violated before it is in effect, nor agreed again while
    /// it holds, and an offer made during talks does not take them back to the proposal stage).
    public var follows: [String]

    /// Creates a state.
    ///
    /// - Parameters:
    ///   - name: The status name.
    ///   - cues: The cue phrases, which count on their own.
    ///   - isGeneric: Whether any specific state overrides this one.
    ///   - predicates: The phrases that count only near one of `objects`.
    ///   - objects: The negotiated things the predicates must be about.
    ///   - follows: The states this one can follow (empty: any).
    public init(
        name: String,
        cues: [String],
        isGeneric: Bool = false,
        predicates: [String] = [],
        objects: [String] = [],
        follows: [String] = []
    ) {
        self.name = name
        self.cues = cues
        self.isGeneric = isGeneric
        self.predicates = predicates
        self.objects = objects
        self.follows = follows
    }
}
