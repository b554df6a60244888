public import FeedWatchCore
public import Foundation

/// A topic's coverage rate on event time, measured in windows of several lengths at once (an hour, six hours, a
/// day by default): items in each window's current bucket and the baseline of its past buckets.
///
/// Each baseline is the mean of items per bucket over about four weeks (a moving average once the window has seen
/// that many buckets); empty buckets count as zero.
public struct CoverageState: Sendable, Equatable, Codable {
    /// One window length's buckets.
    public struct Window: Sendable, Equatable, Codable {
        /// The bucket length, in seconds.
        public var width: TimeInterval
        /// The start of the current bucket.
        public var bucketStart: Date?
        /// Items counted in the current bucket.
        public var count: Int
        /// The mean items per bucket over the closed buckets (a moving average over about four weeks).
        public var baseline: Double
        /// How many buckets the baseline has seen.
        public var buckets: Int
        /// The first items of the current bucket, for evidence.
        public var recent: [Alert.Evidence]

        /// Creates an empty window.
        ///
        /// - Parameter width: The bucket length, in seconds.
        public init(width: TimeInterval) {
            self.width = width
            bucketStart = nil
            count = 0
            baseline = 0
            buckets = 0
            recent = []
        }
    }

    /// The windows, shortest first.
    public var windows: [Window]
    /// When the last surge fired, on event time: one burst raises one surge.
    public var lastSurgeAt: Date?

    /// Creates an empty coverage state.
    public init() {
        windows = []
        lastSurgeAt = nil
    }

    /// Decodes a state. A state written before coverage had several windows starts its windows afresh (they learn
    /// their baselines again), rather than failing.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when a field is malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        windows = try container.decodeIfPresent([Window].self, forKey: .windows) ?? []
        lastSurgeAt = try container.decodeIfPresent(Date.self, forKey: .lastSurgeAt)
    }

    /// The number of items counted in the current bucket of the window `width` seconds long.
    ///
    /// - Parameter width: The window's length, in seconds.
    /// - Returns: The count, or 0 when the topic has no such window.
    public func count(inWindow width: TimeInterval) -> Int {
        windows.first { $0.width == width }?.count ?? 0
    }
}
