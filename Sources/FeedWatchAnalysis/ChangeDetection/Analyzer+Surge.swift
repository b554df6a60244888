import FeedWatchConfig
import FeedWatchCore
public import Foundation

extension Analyzer {
    /// How far back a window's baseline looks: four weeks, so a busy week does not become the new normal at once
    /// and a news day is judged against the topic's usual days, not only its last few.
    static let surgeHorizon: TimeInterval = 28 * 86_400
    /// The lowest baseline rate a surge is tested against, items per bucket, so a quiet topic is not infinitely
    /// sensitive.
    static let surgeBaselineFloor = 0.1
    /// The Poisson tail probability below which a bucket's count is a surge.
    static let surgeSignificance = 0.001

    /// How much of a topic's history a window needs before it can surge: a day, and at least seven of its buckets,
    /// so that its baseline has seen quiet buckets as well as busy ones.
    static func surgeWarmup(_ width: TimeInterval) -> TimeInterval {
        max(86_400, 7 * width)
    }

    /// Counts an item into every coverage window's bucket and tests each bucket against its window's baseline.
    ///
    /// Reports are coverage: a wire copy carried by another outlet counts, an update of an article already counted
    /// does not (the caller passes only items that are not updates). Buckets are each window's length
    /// (``TopicChangeRules/surgeWindows``), aligned to the Unix epoch (a day's bucket is a UTC day), on event time.
    /// When an item opens a later bucket, the closed bucket enters the window's baseline, the mean items per bucket
    /// over about four weeks (``surgeHorizon``; empty buckets count as zero). A window's current bucket is a surge when the topic's history covers the window's warm-up
    /// (``surgeWarmup(_:)``), the bucket holds at least ``TopicChangeRules/surgeMinItems`` items, and a Poisson
    /// variable with the baseline's mean reaches that count with probability below ``surgeSignificance``.
    ///
    /// One burst raises one surge: after a surge, no window raises another until the longest window has passed,
    /// so a burst that fills the hour's bucket is not announced again when it fills the day's. Items older than a
    /// window's current bucket are not counted in it.
    ///
    /// - Parameters:
    ///   - observation: The item.
    ///   - coverage: The topic's coverage, updated in place.
    ///   - firstAt: The event time of the topic's first item.
    /// - Returns: The `surge` alert, when one fires and alerts are raised.
    func applyCoverage(_ observation: Observation, to coverage: inout CoverageState, since firstAt: Date) -> Alert? {
        let widths = observation.rules.surgeWindows
        if coverage.windows.map(\.width) != widths {
            coverage.windows = widths.map { width in
                coverage.windows.first { $0.width == width } ?? CoverageState.Window(width: width)
            }
        }
        var surge: (window: Int, tail: Double, expected: Double)?
        for index in coverage.windows.indices {
            guard let (tail, expected) = Self.count(observation, in: &coverage.windows[index], since: firstAt),
                surge == nil
            else {
                continue
            }
            surge = (index, tail, expected)
        }
        let longest = widths.last ?? 3_600
        guard let surge, coverage.lastSurgeAt.map({ observation.time >= $0.addingTimeInterval(longest) }) ?? true
        else {
            return nil
        }
        coverage.lastSurgeAt = observation.time
        guard observation.raiseAlerts else {
            return nil
        }
        let window = coverage.windows[surge.window]
        let bucket = window.bucketStart ?? observation.time
        let span = Self.span(window.width)
        return Alert(
            id: StableHash.hex([
                "surge", observation.topic, String(Int(bucket.timeIntervalSince1970)), String(Int(window.width)),
            ]),
            topic: observation.topic,
            kind: .surge,
            at: observation.item.eventTime,
            createdAt: observation.now,
            summary: "Coverage of \"\(observation.topicName)\" surged: \(window.count) items in \(span), "
                + "against \(Self.rounded(surge.expected)) expected",
            evidence: window.recent,
            explanation: Alert.Explanation(
                sources: Array(Set(window.recent.map(\.feed))).sorted(),
                confidence: Self.rounded(1 - surge.tail),
                observed: window.count,
                expected: Self.rounded(surge.expected)
            )
        )
    }

    /// Counts an item into one window and says whether the window's current bucket is now improbable.
    ///
    /// - Returns: The bucket's Poisson tail probability and the count expected, when the bucket is a surge.
    private static func count(_ observation: Observation, in window: inout CoverageState.Window, since firstAt: Date)
        -> (tail: Double, expected: Double)?
    {
        let width = window.width
        let start = (observation.time.timeIntervalSince1970 / width).rounded(.down) * width
        let bucket = Date(timeIntervalSince1970: start)
        let current = window.bucketStart ?? bucket
        if bucket < current {
            return nil
        }
        if bucket > current {
            let closed = Int(((bucket.timeIntervalSince1970 - current.timeIntervalSince1970) / width).rounded())
            closeBuckets(of: &window, closed: closed)
        }
        window.bucketStart = bucket
        window.count += 1
        if window.recent.count < 5 {
            window.recent.append(evidence(of: observation.item))
        }
        guard bucket.timeIntervalSince(firstAt) >= surgeWarmup(width), window.count >= observation.rules.surgeMinItems
        else {
            return nil
        }
        let expected = max(window.baseline, surgeBaselineFloor)
        let tail = poissonTail(atLeast: window.count, mean: expected)
        return tail < surgeSignificance ? (tail, expected) : nil
    }

    /// Moves a window's baseline past its current bucket and the `closed - 1` empty buckets after it.
    ///
    /// The baseline is the mean count per bucket while the window has seen fewer buckets than its horizon holds,
    /// then an exponentially weighted moving average over about that many buckets (``surgeHorizon``), so a young
    /// topic's first busy bucket is not its baseline.
    private static func closeBuckets(of window: inout CoverageState.Window, closed: Int) {
        let smoothing = min(0.5, window.width / surgeHorizon)
        func add(_ count: Double) {
            window.buckets += 1
            window.baseline += max(smoothing, 1 / Double(window.buckets)) * (count - window.baseline)
        }
        add(Double(window.count))
        var empty = closed - 1
        while empty > 0, Double(window.buckets) < 1 / smoothing {
            add(0)
            empty -= 1
        }
        if empty > 0 {
            window.baseline *= pow(1 - smoothing, Double(empty))
            window.buckets += empty
        }
        window.count = 0
        window.recent = []
    }

    /// A window's length in words: `an hour`, `6 hours`, `a day`, `90 minutes`.
    static func span(_ width: TimeInterval) -> String {
        switch width {
        case 3_600: "an hour"
        case 86_400: "a day"
        case _ where width.truncatingRemainder(dividingBy: 3_600) == 0: "\(Int(width / 3_600)) hours"
        default: "\(Int((width / 60).rounded())) minutes"
        }
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
