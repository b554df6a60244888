public import FeedWatchCore
import Foundation

/// A named set of statuses a topic can be in, each recognised by cue phrases.
///
/// States are listed in priority order, highest first: when two states are equally supported by an item, the
/// earlier one wins. A generic state (such as `negotiating`) only wins when no specific state has a cue.
public struct StatusPreset: Sendable, Equatable {
    /// One status of a preset and the phrases that report it.
    public typealias State = TopicStatus
    /// An event frame of a state: predicates and what they must be about.
    public typealias Frame = TopicStatus.Frame

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
