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
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await cancelWhenGracefulShutdown {
                    try await pipeline.runCycle()
                }
                // The watchdog is fed only when a cycle ran and the store answered.
                try await pipeline.checkStore()
                metrics?.recordProgress()
                notifier.send(.watchdog, .status(await pipeline.statusLine()))
            } catch is CancellationError {
                break
            } catch let error as StoreError {
                logger.error("poll cycle failed", metadata: ["error": "\(error)"])
            }
            let pause = await pauseUntilNextDue()
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: pause)
                }
            } catch {
                break
            }
        }
        logger.info("poll loop stopped")
    }

    private func pauseUntilNextDue() async -> Duration {
        guard let next = await pipeline.nextDue() else { return maximumSleep }
        let seconds = next.timeIntervalSinceNow
        let pause = Duration.milliseconds(Int64(max(0.2, seconds) * 1000))
        return min(pause, maximumSleep)
    }
}
