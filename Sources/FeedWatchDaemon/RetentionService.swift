public import FeedWatchConfig
public import FeedWatchStore
import Foundation
public import Logging
public import ServiceLifecycle

/// Prunes what the retention settings no longer keep, in the background: first a while after start-up, then every
/// `interval`, a small batch per transaction so the poll cycle's ingests go on in between.
///
/// With a shared store one instance at a time prunes (a lease named `retention`); the others skip that round.
public struct RetentionService: Service {
    private let store: any RetentionStore & WorkSharingStore
    private let retention: RetentionConfiguration
    private let logger: Logger
    private let firstDelay: Duration
    private let interval: Duration
    private let batchSize: Int
    private let pause: Duration
    private let owner: String

    /// Creates the pruning loop.
    ///
    /// - Parameters:
    ///   - store: The store to prune, and the leases that keep one pruner on a shared store.
    ///   - retention: What to keep.
    ///   - logger: Where each round that pruned something is logged.
    ///   - instance: This process's name in the lease.
    ///   - firstDelay: The wait before the first round (start-up's own work goes first).
    ///   - interval: The wait between rounds.
    ///   - batchSize: Rows per transaction.
    ///   - pause: The pause between two batches.
    public init(
        store: any RetentionStore & WorkSharingStore,
        retention: RetentionConfiguration,
        logger: Logger,
        instance: String,
        firstDelay: Duration = .seconds(120),
        interval: Duration = .seconds(3600),
        batchSize: Int = 500,
        pause: Duration = .milliseconds(20)
    ) {
        self.store = store
        self.retention = retention
        self.logger = logger
        self.owner = instance + "/retention"
        self.firstDelay = firstDelay
        self.interval = interval
        self.batchSize = batchSize
        self.pause = pause
    }

    public func run() async throws {
        var wait = firstDelay
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let pause = wait
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            } catch {
                return
            }
            wait = interval
            guard retention.prunes else { continue }
            do {
                try await pruneOnce()
            } catch {
                logger.warning("retention round failed, will retry", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One round: prunes unless another instance of a shared store holds the pruner's lease.
    ///
    /// - Returns: What was pruned (nothing when another instance holds the lease).
    @discardableResult
    func pruneOnce() async throws -> RetentionReport {
        if store.sharesWork {
            let now = Date()
            let lease = max(60, TimeInterval(interval.components.seconds))
            guard try await store.claimLease("retention", owner: owner, now: now, until: now.addingTimeInterval(lease))
            else { return RetentionReport() }
        }
        // A graceful shutdown stops the pruning between two batches.
        let task = Task { [store, retention, batchSize, pause] in
            try await store.prune(retention, batchSize: batchSize, pause: pause)
        }
        let report = try await withTaskCancellationOrGracefulShutdownHandler {
            try await task.value
        } onCancelOrGracefulShutdown: {
            task.cancel()
        }
        if !report.isEmpty {
            logger.info(
                "retention pruned",
                metadata: [
                    "items": "\(report.items)", "capped_items": "\(report.cappedItems)", "alerts": "\(report.alerts)",
                    "as_of": "\(report.clock.map { $0.formatted(.iso8601) } ?? "-")",
                ]
            )
        }
        return report
    }
}
