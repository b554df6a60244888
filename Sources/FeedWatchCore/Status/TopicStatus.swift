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
    /// Event frames that report the state: predicates that count only about the frame's objects (“the cabinet
    /// approves the deal”, “the truce took hold”, “ships sail”), so “rejected the accusations” or “agree on a venue”
    /// do not.
    public var frames: [Frame]
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
    ///   - frames: The event frames that report the state.
    ///   - follows: The states this one can follow (empty: any).
    public init(
        name: String,
        cues: [String],
        isGeneric: Bool = false,
        frames: [Frame] = [],
        follows: [String] = []
    ) {
        self.name = name
        self.cues = cues
        self.isGeneric = isGeneric
        self.frames = frames
        self.follows = follows
    }

    /// Predicates that report a state when one of the frame's objects stands near them in the same clause.
    public struct Frame: Sendable, Equatable {
        /// The predicates, every form listed.
        public var predicates: [String]
        /// What the predicates must be about: `deal`, `truce`, `proposal`, `ships`, …
        public var objects: [String]
        /// How many tokens after the predicate its object may stand, for a predicate that only means something
        /// right before its noun (`no` in “no grain sailings”); `nil` for the detector's window on both sides.
        public var reach: Int?

        /// Creates a frame.
        ///
        /// - Parameters:
        ///   - predicates: The predicates, every form listed.
        ///   - objects: What the predicates must be about.
        ///   - reach: How many tokens after the predicate the object may stand; `nil` for either side within the
        ///     detector's window.
        public init(predicates: [String], objects: [String], reach: Int? = nil) {
            self.predicates = predicates
            self.objects = objects
            self.reach = reach
        }
    }
}
