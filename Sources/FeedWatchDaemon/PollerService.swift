public import FeedWatchObservability
import FeedWatchStore
import Foundation
public import Logging
public import ServiceLifecycle

/// The long-running poll loop: runs a cycle whenever a feed is due, until graceful shutdown.
///
/// A shutdown request cancels transfers in flight (they are polled again after restart) but never a store
/// transaction, which runs to its end before the loop stops.
public struct PollerService: Service {
    private let pipeline: FeedPipeline
    private let logger: Logger
    private let maximumSleep: Duration
    private let notifier: SystemdNotifier
    private let metrics: FeedWatchMetrics?

    /// Creates the poll loop.
    ///
    /// - Parameters:
    ///   - pipeline: Runs each cycle.
    ///   - logger: Where loop events are logged.
    ///   - notifier: Tells systemd when the loop is ready, how it is doing, that it is alive, and when it stops.
    ///   - metrics: Where the loop's progress is noted for `/healthz`.
    ///   - maximumSleep: The longest pause between two checks for due feeds.
    public init(
        pipeline: FeedPipeline,
        logger: Logger,
        notifier: SystemdNotifier = SystemdNotifier(environment: [:]),
        metrics: FeedWatchMetrics? = nil,
        maximumSleep: Duration = .seconds(30)
    ) {
        self.pipeline = pipeline
        self.logger = logger
        self.notifier = notifier
        self.metrics = metrics
        self.maximumSleep = min(maximumSleep, notifier.watchdogInterval ?? maximumSleep)
    }

    public func run() async throws {
        try await pipeline.prepare()
        logger.info("poll loop started")
        notifier.send(.ready, .status(await pipeline.statusLine()))
        defer { notifier.send(.stopping) }
        // While a long cycle makes progress (feeds answer, batches are stored) the watchdog is fed too; a hung one
        // stops feeding it.
        let heartbeat = notifier.watchdogInterval.map { interval in
            Task { [pipeline, notifier] in
                var seen = pipeline.progress.value
                while (try? await Task.sleep(for: interval)) != nil {
                    let now = pipeline.progress.value
                    if now != seen { notifier.send(.watchdog) }
                    seen = now
                }
            }
        }
        defer { heartbeat?.cancel() }
        var fault = StoreFaultTracker(loop: "poll", logger: logger, metrics: metrics)
        var deferred = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if fault.isFailing {
                    // A cheap write that changes nothing proves the store takes writes again before anything is
                    // downloaded; then the feeds whose polls were lost are polled again, with the due ones.
                    try await pipeline.checkStore()
                    await pipeline.requeueUnrecordedPolls()
                }
                let report = try await cancelWhenGracefulShutdown {
                    try await pipeline.runCycle()
                }
                deferred = report.deferred
                // The watchdog is fed only when a cycle ran and the store answered.
                try await pipeline.checkStore()
                fault.succeeded()
                metrics?.recordProgress()
                notifier.send(.watchdog, .status(await pipeline.statusLine()))
            } catch is CancellationError {
                break
            } catch let error as StoreError {
                fault.failed(error)
                // The loop is alive and waits on purpose: systemd is told so, and why (`/healthz` says unhealthy).
                notifier.send(.watchdog, .status(fault.statusLine ?? "store failing"))
            }
            // A cycle that left due feeds for the next one (poll.max_feeds_per_cycle) is followed at once.
            let pause: Duration
            if fault.isFailing {
                pause = fault.delay
            } else if deferred > 0 {
                pause = .zero
            } else {
                pause = await pauseUntilNextDue()
            }
            do {
                try await sleep(for: pause, pingingWatchdog: fault.isFailing)
            } catch {
                break
            }
        }
        logger.info("poll loop stopped")
    }

    /// Sleeps for `pause`, in steps no longer than the watchdog allows, pinging it between steps when asked.
    private func sleep(for pause: Duration, pingingWatchdog: Bool) async throws {
        var remaining = pause
        while remaining > .zero {
            let step = min(remaining, maximumSleep)
            try await cancelWhenGracefulShutdown {
                try await Task.sleep(for: step)
            }
            remaining -= step
            if pingingWatchdog && remaining > .zero { notifier.send(.watchdog) }
        }
    }

    private func pauseUntilNextDue() async -> Duration {
        guard let next = await pipeline.nextDue() else { return maximumSleep }
        let seconds = next.timeIntervalSinceNow
        let pause = Duration.milliseconds(Int64(max(0.2, seconds) * 1000))
        return min(pause, maximumSleep)
    }
}
