public import FeedWatchAlerts
public import FeedWatchObservability
import FeedWatchStore
import Foundation
public import Logging
public import ServiceLifecycle

/// The long-running delivery loop: sends due alerts from the outbox to the sinks, until graceful shutdown.
public struct DeliveryService: Service {
    private let dispatcher: AlertDispatcher
    private let logger: Logger
    private let interval: Duration
    private let signal: OutboxSignal?
    private let metrics: FeedWatchMetrics?

    /// Creates the delivery loop.
    ///
    /// - Parameters:
    ///   - dispatcher: Delivers due alerts.
    ///   - logger: Where loop events are logged.
    ///   - interval: How often the outbox is checked when nothing signals new alerts (retries come due this way).
    ///   - signal: Raised when alerts are committed, so they are delivered at once.
    ///   - metrics: Where store errors are counted.
    public init(
        dispatcher: AlertDispatcher,
        logger: Logger,
        interval: Duration = .seconds(1),
        signal: OutboxSignal? = nil,
        metrics: FeedWatchMetrics? = nil
    ) {
        self.metrics = metrics
        self.dispatcher = dispatcher
        self.logger = logger
        self.interval = interval
        self.signal = signal
    }

    public func run() async throws {
        // A store error (say, an arrival that could not be recorded) backs the loop off exponentially rather than
        // trying again every second; deliveries sent meanwhile are kept by the dispatcher and never sent twice.
        var fault = StoreFaultTracker(loop: "delivery", logger: logger, metrics: metrics)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await dispatcher.deliverDue()
                fault.succeeded()
            } catch {
                fault.failed(error)
            }
            let backoff: Duration? = fault.isFailing ? fault.delay : nil
            do {
                try await cancelWhenGracefulShutdown {
                    if let backoff {
                        try await Task.sleep(for: backoff)
                    } else if let signal {
                        await signal.wait(upTo: interval)
                        try Task.checkCancellation()
                    } else {
                        try await Task.sleep(for: interval)
                    }
                }
            } catch {
                break
            }
        }
    }
}
