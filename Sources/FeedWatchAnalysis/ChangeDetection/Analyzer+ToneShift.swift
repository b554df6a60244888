import FeedWatchCore
public import Foundation

extension Analyzer {
    /// How many items the tone baseline needs before a shift can be reported.
    static let toneWarmupItems = 8
    /// How many of the latest items are compared with the baseline.
    static let toneRecentItems = 3
    /// How far (in VADER compound units) the latest items' mean must move from the baseline.
    static let toneShiftThreshold = 0.5
    /// The weight of each new item in the tone baseline (an EWMA).
    static let toneSmoothing = 0.15
    /// The span the latest items must fall within, and the quiet time after a shift.
    static let toneSpan: TimeInterval = 86_400

    /// Compares the latest independent items' tone with the topic's baseline and raises `tone_shift` when it
    /// moved far.
    ///
    /// The latest ``toneRecentItems`` items (within ``toneSpan``) are averaged and compared with the baseline of
    /// the items before them (an item enters the baseline when it leaves the latest items). With
    /// ``toneWarmupItems`` items of baseline, a mean at least ``toneShiftThreshold`` away from the baseline is a
    /// shift when every one of the latest items moved at least half that far in the same direction (one extreme
    /// item is not a shift). After a shift the baseline restarts from the new mean and no other shift fires within
    /// ``toneSpan``. Items older than the latest sample are not counted.
    ///
    /// - Parameters:
    ///   - observation: The item.
    ///   - tone: The topic's tone state, updated in place.
    /// - Returns: The `tone_shift` alert, when one fires and alerts are raised.
    func applyTone(_ observation: Observation, to tone: inout ToneState) -> Alert? {
        let time = observation.time
        if let last = tone.recent.last, time < last.at {
            return nil
        }
        let score = observation.item.tone
        tone.recent.append(ToneState.Sample(at: time, tone: score, evidence: Self.evidence(of: observation.item)))
        if tone.recent.count > Self.toneRecentItems {
            let leaving = tone.recent.removeFirst().tone
            tone.baseline = tone.count == 0 ? leaving : tone.baseline + Self.toneSmoothing * (leaving - tone.baseline)
            tone.count += 1
        }
        let mean = tone.recent.map(\.tone).reduce(0, +) / Double(tone.recent.count)
        let before = tone.baseline
        let direction: Double = mean > before ? 1 : -1
        guard tone.count >= Self.toneWarmupItems, tone.recent.count == Self.toneRecentItems,
            let oldest = tone.recent.first, time.timeIntervalSince(oldest.at) <= Self.toneSpan,
            tone.lastShiftAt.map({ time.timeIntervalSince($0) > Self.toneSpan }) ?? true,
            abs(mean - before) >= Self.toneShiftThreshold,
            tone.recent.allSatisfy({ ($0.tone - before) * direction >= Self.toneShiftThreshold / 2 })
        else {
            return nil
        }
        let evidence = tone.recent.map(\.evidence)
        tone.lastShiftAt = time
        tone.recent = []
        tone.count = 1
        tone.baseline = mean
        guard observation.raiseAlerts else {
            return nil
        }
        let turn = mean > before ? "more positive" : "more negative"
        var outlets: [String] = []
        for item in evidence where !outlets.contains(item.feed) {
            outlets.append(item.feed)
        }
        return Alert(
            id: StableHash.hex(["tone_shift", observation.topic, observation.item.globalKey]),
            topic: observation.topic,
            kind: .toneShift,
            at: observation.item.eventTime,
            createdAt: observation.now,
            summary: "Coverage of \"\(observation.topicName)\" turned \(turn): tone "
                + "\(Self.rounded(before)) → \(Self.rounded(mean)) over the latest \(evidence.count) items",
            evidence: evidence,
            explanation: Alert.Explanation(
                sources: outlets,
                confidence: Self.rounded(min(1, abs(mean - before))),
                observed: evidence.count,
                toneBefore: Self.rounded(before),
                toneAfter: Self.rounded(mean)
            )
        )
    }
}
