public import Foundation

/// The outcome of one delivery attempt.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The alert arrived.
    case delivered
    /// The attempt failed in a way that may pass: try again, after `after` seconds if the receiver said so.
    case retry(reason: String, after: TimeInterval?)
    /// The attempt failed in a way retrying cannot fix.
    case dead(reason: String)
}
