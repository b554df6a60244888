public import FeedWatchCore

/// What `feedwatch run --once` did, as a one-line summary and the exit status a script or a timer unit checks.
///
/// The statuses: `0` the cycle ran and nothing is wrong, `2` every feed polled failed, `3` deliveries failed and wait
/// for a retry (the next run sends them). A store or configuration error exits `1` before a report exists.
/// Deliveries held back without a failed attempt (a topic's `digest` or `cooldown`, or behind an earlier alert of
/// their topic) are counted in the summary but are not a failure: they are sent when their time comes.
public struct RunOnceReport: Sendable, Equatable {
    /// How the run ended, with its exit status as the raw value.
    public enum Verdict: Int32, Sendable, Equatable {
        /// Feeds were polled (or there were none due) and no delivery is failing.
        case ok = 0
        /// Every feed polled failed: nothing was learnt this run.
        case allFeedsFailed = 2
        /// At least one delivery failed and is still pending.
        case deliveriesPending = 3
    }

    /// The poll cycle.
    public var cycle: CycleReport
    /// Alerts that arrived at a sink in this run (a digest counts each alert it carries).
    public var delivered: Int
    /// Pending deliveries to the configured sinks that failed at least once and wait for a retry.
    public var failingDeliveries: Int
    /// Pending deliveries to the configured sinks never tried yet: held for a digest, a cooldown or an earlier alert.
    public var heldDeliveries: Int

    /// Creates a report.
    public init(cycle: CycleReport, delivered: Int, failingDeliveries: Int, heldDeliveries: Int) {
        self.cycle = cycle
        self.delivered = delivered
        self.failingDeliveries = failingDeliveries
        self.heldDeliveries = heldDeliveries
    }

    /// Counts the pending deliveries of `records` to `sinks` as failing (tried before) or held (never tried).
    init(cycle: CycleReport, delivered: Int, pending records: [AlertRecord], sinks: Set<String>) {
        let pending = records.flatMap(\.deliveries).filter { $0.state == .pending && sinks.contains($0.sink) }
        let failing = pending.filter { $0.attempts > 0 }.count
        self.init(
            cycle: cycle,
            delivered: delivered,
            failingDeliveries: failing,
            heldDeliveries: pending.count - failing
        )
    }

    /// The worst thing the run found; a feed outage outranks a delivery outage, since it is the cause to fix first.
    public var verdict: Verdict {
        if cycle.polled > 0, cycle.failed == cycle.polled { return .allFeedsFailed }
        if failingDeliveries > 0 { return .deliveriesPending }
        return .ok
    }

    /// One line: what was polled and how much failed, what was learnt, and what is still to deliver.
    public var summary: String {
        var parts = [
            "polled \(Self.count(cycle.polled, "feed")) (\(cycle.failed) failed)",
            "\(Self.count(cycle.newItems, "new item")), \(Self.count(cycle.alerts, "alert"))",
            "\(delivered) delivered",
        ]
        if failingDeliveries > 0 {
            parts.append("\(Self.count(failingDeliveries, "delivery", plural: "deliveries")) failed, will retry")
        }
        if heldDeliveries > 0 {
            parts.append("\(Self.count(heldDeliveries, "delivery", plural: "deliveries")) held for later")
        }
        switch verdict {
        case .ok: break
        case .allFeedsFailed: parts.append("every feed failed; `feedwatch feeds list` shows why")
        case .deliveriesPending: parts.append("`feedwatch alerts list --pending` shows why")
        }
        return parts.joined(separator: "; ")
    }

    private static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }
}
