public import Foundation

/// How a topic's alerts are batched on their way to a sink: one message each, at most one message per cooldown,
/// or one digest per window. Nothing is dropped: alerts held back are sent together when the hold ends.
public enum AlertGrouping: Sendable, Equatable {
    /// Every alert is sent on its own, as soon as it is raised.
    case immediate
    /// The first alert is sent at once; alerts raised in the `seconds` after a message to a sink are held and sent
    /// to it as one digest when the cooldown ends.
    case cooldown(seconds: TimeInterval)
    /// Alerts are collected for `seconds` from the first one raised, then sent as one digest.
    case digest(seconds: TimeInterval)
}
