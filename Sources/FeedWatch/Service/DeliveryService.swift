import Foundation
public import Logging
public import ServiceLifecycle

/// The long-running delivery loop: sends due alerts from the outbox to the sinks, until graceful shutdown.
public struct DeliveryService: Service {
    private let dispatcher: AlertDispatcher
    private let logger: Logger
    private let interval: Duration

    /// Creates the delivery loop.
    ///
    /// - Parameters:
    ///   - dispatcher: Delivers due alerts.
    ///   - logger: Where loop events are logged.
    ///   - interval: How often the outbox is checked.
    public init(dispatcher: AlertDispatcher, logger: Logger, interval: Duration = .seconds(1)) {
        self.dispatcher = dispatcher
        self.logger = logger
        self.interval = interval
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
                    try await Task.sleep(for: interval)
                }
            } catch {
                break
            }
        }
    }
}
