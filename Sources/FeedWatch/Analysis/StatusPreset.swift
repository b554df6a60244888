import Foundation

/// A named set of statuses a topic can be in, each recognised by cue phrases.
///
/// States are listed in priority order, highest first: when two states are equally supported by an item, the
/// earlier one wins. A generic state (such as `negotiating`) only wins when no specific state has a cue.
public struct StatusPreset: Sendable, Equatable {
    /// One status of a preset and the phrases that report it.
    public struct State: Sendable, Equatable {
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

    /// The preset's name, as topics refer to it.
    public var name: String
    /// The states, highest priority first.
    public var states: [State]

    /// Creates a preset.
    ///
    /// - Parameters:
    ///   - name: The preset's name.
    ///   - states: The states, highest priority first.
    public init(name: String, states: [State]) {
        self.name = name
        self.states = states
    }

    /// Every preset feedwatch knows.
    public static let builtIn: [StatusPreset] = [.negotiation, .incident, .legislation]

    /// The built-in preset with a name, compared case-insensitively.
    ///
    /// - Parameter name: A preset name, such as `negotiation`.
    /// - Returns: The preset, or `nil` when there is none by that name.
    public static func named(_ name: String) -> StatusPreset? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return builtIn.first { $0.name == wanted }
    }
}
