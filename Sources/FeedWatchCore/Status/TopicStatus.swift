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

    /// Creates a state.
    ///
    /// - Parameters:
    ///   - name: The status name.
    ///   - cues: The cue phrases.
    ///   - isGeneric: Whether any specific state overrides this one.
    public init(name: String, cues: [String], isGeneric: Bool = false) {
        self.name = name
        self.cues = cues
        self.isGeneric = isGeneric
    }
}
