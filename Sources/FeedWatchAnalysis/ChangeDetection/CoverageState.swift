public import FeedWatchCore
public import Foundation

/// A topic's coverage rate on event time: items in the current bucket and the baseline of past buckets.
///
/// The baseline is an exponentially weighted moving average of items per bucket; empty buckets count as zero.
public struct CoverageState: Sendable, Equatable, Codable {
    /// The start of the current bucket.
    public var bucketStart: Date?
    /// Independent items in the current bucket.
    public var count: Int
    /// The moving average of items per bucket over the closed buckets.
    public var baseline: Double
    /// How many buckets the baseline has seen.
    public var buckets: Int
    /// The start of the bucket that last raised a surge.
    public var lastSurgeBucket: Date?
    /// The first items of the current bucket, for evidence.
    public var recent: [Alert.Evidence]

    /// Creates an empty coverage state.
    public init() {
        bucketStart = nil
        count = 0
        baseline = 0
        buckets = 0
        lastSurgeBucket = nil
        recent = []
    }
}
