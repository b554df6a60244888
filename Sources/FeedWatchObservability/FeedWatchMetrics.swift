public import FeedWatchCore
public import Foundation
import Metrics
import Prometheus
import Synchronization

/// The daemon's Prometheus metrics, in a registry of its own (so tests and several instances never share one),
/// and the progress clock behind `/healthz`.
public final class FeedWatchMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let progress = Mutex<Date?>(nil)

    /// Creates an empty set of metrics.
    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
    }

    /// Counts one poll: `result` is `fetched`, `not_modified`, `failed` or `parse_error`; `status` the HTTP status.
    public func recordPoll(result: String, status: Int?) {
        Counter(
            label: "feedwatch_polls_total",
            dimensions: [("result", result), ("status", status.map(String.init) ?? "none")],
            factory: factory
        ).increment()
    }

    /// Counts items seen in fetched documents: `new` ones stored, `duplicate` ones already known.
    public func recordItems(new: Int, duplicate: Int) {
        Counter(label: "feedwatch_items_total", dimensions: [("kind", "new")], factory: factory)
            .increment(by: new)
        Counter(label: "feedwatch_items_total", dimensions: [("kind", "duplicate")], factory: factory)
            .increment(by: duplicate)
    }

    /// Counts an alert raised by analysis.
    public func recordAlertRaised(kind: String) {
        Counter(label: "feedwatch_alerts_raised_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// Counts a delivery outcome for a sink and, for arrivals, the latency from the alert's creation.
    public func recordDelivery(sink: String, outcome: DeliveryOutcome, createdAt: Date, at now: Date = Date()) {
        switch outcome {
        case .delivered:
            Counter(label: "feedwatch_alerts_delivered_total", dimensions: [("sink", sink)], factory: factory)
                .increment()
            Timer(label: "feedwatch_delivery_latency_seconds", dimensions: [("sink", sink)], factory: factory)
                .record(duration: .milliseconds(Int64(max(0, now.timeIntervalSince(createdAt)) * 1000)))
        case .retry:
            Counter(label: "feedwatch_alerts_retried_total", dimensions: [("sink", sink)], factory: factory)
                .increment()
        case .dead:
            Counter(label: "feedwatch_alerts_dead_total", dimensions: [("sink", sink)], factory: factory).increment()
        }
    }

    /// Records how long a poll cycle took.
    public func recordCycle(duration: Duration) {
        Timer(label: "feedwatch_poll_cycle_duration_seconds", factory: factory).record(duration: duration)
    }

    /// Sets how many feeds are in each state (`ok`, `failing`, `new`, `retired`).
    public func recordFeedStates(_ counts: [String: Int]) {
        for state in ["ok", "failing", "new", "retired"] {
            Gauge(label: "feedwatch_feeds", dimensions: [("state", state)], factory: factory)
                .record(counts[state] ?? 0)
        }
    }

    /// Counts a store error met by a long-running `loop` (`poll` or `delivery`).
    public func recordStoreError(loop: String) {
        Counter(label: "feedwatch_store_errors_total", dimensions: [("loop", loop)], factory: factory).increment()
    }

    /// Sets whether the store is failing for a long-running `loop` (`poll` or `delivery`): 1 while it backs off.
    public func recordStoreFailing(_ failing: Bool, loop: String) {
        Gauge(label: "feedwatch_store_failing", dimensions: [("loop", loop)], factory: factory).record(failing ? 1 : 0)
    }

    /// Notes that the poll loop and the store just made progress.
    public func recordProgress(at time: Date = Date()) {
        progress.withLock { $0 = time }
    }

    /// Whether the poll loop and the store made progress within `window` before `now`.
    public func isHealthy(now: Date = Date(), window: TimeInterval) -> Bool {
        guard let last = progress.withLock({ $0 }) else { return false }
        return now.timeIntervalSince(last) <= window
    }

    /// The metrics in the Prometheus text exposition format.
    public func exposition() -> String {
        registry.emitToString()
    }
}
