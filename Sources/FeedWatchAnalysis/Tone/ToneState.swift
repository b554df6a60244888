public import FeedWatchCore
public import Foundation

/// The tone of a topic's coverage: a moving baseline and the latest items' scores.
public struct ToneState: Sendable, Equatable, Codable {
    /// One item's tone.
    public struct Sample: Sendable, Equatable, Codable {
        /// The item's event time.
        public var at: Date
        /// The item's VADER compound score, −1…1.
        public var tone: Double
        /// The item's evidence.
        public var evidence: Alert.Evidence
    }

    /// The moving average of item tone.
    public var baseline: Double
    /// How many items the baseline has seen.
    public var count: Int
    /// The latest items, oldest first.
    public var recent: [Sample]
    /// The event time of the last tone shift.
    public var lastShiftAt: Date?

    /// Creates an empty tone state.
    public init() {
        baseline = 0
        count = 0
        recent = []
        lastShiftAt = nil
    }
}
