public import FeedWatchAlerts
import Foundation
public import Logging
public import ServiceLifecycle

/// The long-running delivery loop: sends due alerts from the outbox to the sinks, until graceful shutdown.
public struct DeliveryService: Service {
    private let dispatcher: AlertDispatcher
    private let logger: Logger
    private let interval: Duration
    private let signal: OutboxSignal?

    /// Creates the delivery loop.
    ///
    /// - Parameters:
    ///   - dispatcher: Delivers due alerts.
    ///   - logger: Where loop events are logged.
    ///   - interval: How often the outbox is checked when nothing signals new alerts (retries come due this way).
    ///   - signal: Raised when alerts are committed, so they are delivered at once.
    public init(
        dispatcher: AlertDispatcher,
        logger: Logger,
        interval: Duration = .seconds(1),
        signal: OutboxSignal? = nil
    ) {
        self.dispatcher = dispatcher
        self.logger = logger
        self.interval = interval
        self.signal = signal
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await dispatcher.deliverDue()
            } catch {
                logger.error("alert delivery round failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown {
                    if let signal {
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
