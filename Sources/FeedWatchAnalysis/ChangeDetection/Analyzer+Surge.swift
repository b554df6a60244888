import FeedWatchConfig
import FeedWatchCore
public import Foundation

extension Analyzer {
    /// How many buckets of history a topic needs before it can surge.
    static let surgeWarmupBuckets = 24
    /// The weight of the newest bucket in the coverage baseline (an EWMA over roughly a day of hourly buckets).
    static let surgeSmoothing = 0.08
    /// The lowest baseline rate a surge is tested against, items per bucket, so a quiet topic is not infinitely
    /// sensitive.
    static let surgeBaselineFloor = 0.1
    /// The Poisson tail probability below which a bucket's count is a surge.
    static let surgeSignificance = 0.001

    /// Counts an independent item into its coverage bucket and tests the bucket against the topic's baseline.
    ///
    /// Buckets are ``TopicChangeRules/surgeWindow`` long, aligned to the Unix epoch, on event time. When the item
    /// opens a later bucket, the closed bucket enters the baseline (an EWMA; empty buckets count as zero). The
    /// current bucket is a surge when the topic has ``surgeWarmupBuckets`` buckets of history, the bucket holds
    /// at least ``TopicChangeRules/surgeMinItems`` items, and a Poisson variable with the baseline's mean reaches
    /// that count with probability below ``surgeSignificance``. A surge fires once per bucket, and not in the
    /// bucket right after one. Items older than the current bucket are not counted.
    ///
    /// - Parameters:
    ///   - observation: The item.
    ///   - coverage: The topic's coverage, updated in place.
    ///   - firstAt: The event time of the topic's first item.
    /// - Returns: The `surge` alert, when one fires and alerts are raised.
    func applyCoverage(_ observation: Observation, to coverage: inout CoverageState, since firstAt: Date) -> Alert? {
        let width = observation.rules.surgeWindow
        let start = (observation.time.timeIntervalSince1970 / width).rounded(.down) * width
        let bucket = Date(timeIntervalSince1970: start)
        let current = coverage.bucketStart ?? bucket
        if bucket < current {
            return nil
        }
        if bucket > current {
            let closed = Int(((bucket.timeIntervalSince1970 - current.timeIntervalSince1970) / width).rounded())
            let count = Double(coverage.count)
            coverage.baseline =
                coverage.buckets == 0
                ? count : Self.surgeSmoothing * count + (1 - Self.surgeSmoothing) * coverage.baseline
            coverage.baseline *= pow(1 - Self.surgeSmoothing, Double(max(0, closed - 1)))
            coverage.buckets += closed
            coverage.count = 0
            coverage.recent = []
        }
        coverage.bucketStart = bucket
        coverage.count += 1
        if coverage.recent.count < 5 {
            coverage.recent.append(Self.evidence(of: observation.item))
        }
        let history = Int((bucket.timeIntervalSince(firstAt) / width).rounded(.down))
        let previous = bucket.addingTimeInterval(-width)
        guard history >= Self.surgeWarmupBuckets, coverage.count >= observation.rules.surgeMinItems,
            coverage.lastSurgeBucket != bucket, coverage.lastSurgeBucket != previous
        else {
            return nil
        }
        let expected = max(coverage.baseline, Self.surgeBaselineFloor)
        let tail = Self.poissonTail(atLeast: coverage.count, mean: expected)
        guard tail < Self.surgeSignificance else {
            return nil
        }
        coverage.lastSurgeBucket = bucket
        guard observation.raiseAlerts else {
            return nil
        }
        let hours = width / 3600
        let span = hours == 1 ? "an hour" : "\(Self.rounded(hours)) hours"
        return Alert(
            id: StableHash.hex(["surge", observation.topic, String(Int(bucket.timeIntervalSince1970))]),
            topic: observation.topic,
            kind: .surge,
            at: observation.item.eventTime,
            createdAt: observation.now,
            summary: "Coverage of \"\(observation.topicName)\" surged: \(coverage.count) items in \(span), "
                + "against \(Self.rounded(expected)) expected",
            evidence: coverage.recent,
            explanation: Alert.Explanation(
                sources: Array(Set(coverage.recent.map(\.feed))).sorted(),
                confidence: Self.rounded(1 - tail),
                observed: coverage.count,
                expected: Self.rounded(expected)
            )
        )
    }

    /// The probability that a Poisson variable with mean `mean` is at least `count`.
    ///
    /// - Parameters:
    ///   - count: The observed count, at least 0.
    ///   - mean: The expected count, greater than 0.
    /// - Returns: P(X ≥ count), in 0…1.
    static func poissonTail(atLeast count: Int, mean: Double) -> Double {
        guard count > 0 else {
            return 1
        }
        var term = exp(-mean)
        var below = term
        for k in 1..<count {
            term *= mean / Double(k)
            below += term
        }
        return max(0, 1 - below)
    }
}
