public import FeedWatchAlerts
import FeedWatchAnalysis
public import FeedWatchConfig
import FeedWatchCore
public import FeedWatchFetch
public import FeedWatchObservability
public import FeedWatchStore
import FeedWatchTransport
import Foundation
public import Logging
public import ServiceLifecycle
import UnixSignals

/// The whole daemon, wired from a configuration: the one factory that both `main` and the tests call.
///
/// ```swift
/// let configuration = try FeedWatchConfiguration.load(contentsOf: "Config/demo.yml")
/// let app = try await FeedWatchApplication(configuration: configuration, logger: logger)
/// try await app.run()          // until SIGTERM or SIGINT
/// ```
public struct FeedWatchApplication: Sendable {
    /// The configuration the application was built from.
    public let configuration: FeedWatchConfiguration
    /// The store.
    public let store: any Store
    /// The poll pipeline.
    public let pipeline: FeedPipeline
    /// The outbox dispatcher.
    public let dispatcher: AlertDispatcher
    /// The metrics served on `/metrics` when a listener is configured.
    public let metrics: FeedWatchMetrics
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let outboxSignal = OutboxSignal()
    /// This process's name in the leases of a shared store.
    private let instance: String

    /// Builds every part from a configuration.
    ///
    /// - Parameters:
    ///   - configuration: A validated configuration.
    ///   - logger: The root logger.
    ///   - logLine: Where the `log` sinks write their lines (standard output by default).
    ///   - notifier: Tells systemd about the daemon's state (from `$NOTIFY_SOCKET` by default).
    ///   - random: The source of poll-schedule jitter (tests inject a constant one).
    /// - Throws: ``AnalysisError`` for a bad topic, ``StoreError`` when the database cannot be opened,
    ///   ``AlertError`` when a sink cannot be set up.
    public init(
        configuration: FeedWatchConfiguration,
        logger: Logger,
        logLine: @escaping @Sendable (String) -> Void = LogSink.standardOutput,
        notifier: SystemdNotifier = SystemdNotifier(),
        random: RandomSource = .system
    ) async throws {
        let analyzer = try Analyzer(topics: configuration.topics)
        let store = try await Self.openStore(configuration, logger: logger)
        let pollClient = CurlTransport(
            maximumConcurrentTransfers: configuration.poll.concurrency,
            maximumConnectionsPerHost: configuration.poll.hostConnections,
            hostGap: configuration.poll.hostGap
        )
        let deliveryClient = CurlTransport(maximumConcurrentTransfers: 1)
        var sinks: [any AlertSink] = []
        for sink in configuration.sinks {
            switch sink {
            case .log(let log):
                sinks.append(LogSink(configuration: log, write: logLine))
            case .exec(let exec):
                sinks.append(try ExecSink(configuration: exec))
            case .webhook(let webhook):
                sinks.append(
                    try WebhookSink(
                        configuration: webhook,
                        client: deliveryClient,
                        userAgent: configuration.poll.userAgent
                    )
                )
            }
        }
        let metrics = FeedWatchMetrics()
        let instance = InstanceIdentity.make()
        let dispatcher = AlertDispatcher(
            store: store,
            sinks: sinks,
            limits: Dictionary(
                configuration.sinks.map { ($0.name, $0.rules) },
                uniquingKeysWith: { first, _ in first }
            ),
            grouping: configuration.alertGrouping,
            logger: logger,
            metrics: metrics,
            instance: instance,
            sinkLease: min(configuration.poll.claimLease, 120)
        )
        self.configuration = configuration
        self.instance = instance
        self.store = store
        self.dispatcher = dispatcher
        self.logger = logger
        self.notifier = notifier
        self.metrics = metrics
        self.pipeline = FeedPipeline(
            configuration: configuration,
            store: store,
            fetcher: FeedFetcher(client: pollClient, poll: configuration.poll, logger: logger),
            analyzer: analyzer,
            routing: AlertRouting(sinks: configuration.sinks),
            logger: logger,
            random: random,
            metrics: metrics,
            outboxSignal: outboxSignal,
            instance: instance
        )
    }

    /// Checks what a configuration needs beyond its syntax: topic queries and presets, `file:` feeds, sink secrets
    /// and the password files of the HTTP listener and of PostgreSQL.
    ///
    /// - Parameter configuration: A configuration that loaded.
    /// - Throws: ``AnalysisError``, ``ConfigError``, ``AlertError``, ``ListenerError`` or ``StoreError``
    ///   describing the first problem.
    public static func check(_ configuration: FeedWatchConfiguration) throws {
        _ = try Analyzer(topics: configuration.topics)
        try checkFileFeeds(configuration)
        if let listener = configuration.metrics, listener.passwordFile != nil {
            _ = try BasicAuthentication.load(listener)
        }
        if PostgresLocation.isPostgresURL(configuration.database), configuration.databasePasswordFile != nil {
            _ = try PostgresPassword(file: configuration.databasePasswordFile, credential: nil)
                .read(for: try PostgresLocation(url: configuration.database))
        }
        let client = CurlTransport(maximumConcurrentTransfers: 1)
        for sink in configuration.sinks {
            switch sink {
            case .webhook(let webhook):
                _ = try WebhookSink(configuration: webhook, client: client, userAgent: configuration.poll.userAgent)
            case .exec(let exec):
                _ = try ExecSink(configuration: exec)
            case .log:
                break
            }
        }
    }

    /// Refuses a `file:` feed whose file does not exist (or is a folder): it could only ever fail to poll.
    private static func checkFileFeeds(_ configuration: FeedWatchConfiguration) throws(ConfigError) {
        for (index, feed) in configuration.feeds.enumerated() {
            guard let url = URL(string: feed.url), url.isFileURL else { continue }
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            guard !exists || isFolder.boolValue else { continue }
            throw ConfigError(
                code: .invalidValue,
                file: configuration.sourceFile ?? "configuration",
                keyPath: "feeds[\(index)].url",
                message: exists
                    ? "the feed file \(url.path) is a folder; name a feed file in it."
                    : "there is no feed file at \(url.path); create it or fix the path (relative paths start "
                        + "from the configuration file's folder)."
            )
        }
    }

    /// The long-running services, to be run in one `ServiceGroup`.
    public var services: [any Service] {
        services()
    }

    /// The long-running services, with a hook told the metrics listener's port once it listens.
    ///
    /// - Parameter onMetricsListening: Called with the bound port (useful when the configured port is 0).
    /// - Returns: The poll loop, the delivery loop, the retention loop, the SIGHUP reload loop (when the configuration came from a
    ///   file) and, when configured, the HTTP listener (metrics, health, and the dashboard).
    public func services(onMetricsListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> [any Service] {
        var services: [any Service] = [
            PollerService(pipeline: pipeline, logger: logger, notifier: notifier, metrics: metrics),
            DeliveryService(dispatcher: dispatcher, logger: logger, signal: outboxSignal, metrics: metrics),
            RetentionService(store: store, retention: configuration.retention, logger: logger, instance: instance),
        ]
        if let path = configuration.sourceFile {
            services.append(
                ReloadService(
                    path: path,
                    pipeline: pipeline,
                    dispatcher: dispatcher,
                    notifier: notifier,
                    logger: logger
                )
            )
        }
        if let listener = configuration.metrics {
            services.append(
                MetricsServer(
                    configuration: listener,
                    metrics: metrics,
                    healthWindow: max(120, 3 * configuration.poll.timeout + 60),
                    logger: logger,
                    onListening: onMetricsListening,
                    pages: listener.servesDashboard ? dashboardPages(logger: logger) : []
                )
            )
        }
        return services
    }

    /// Runs every service until SIGTERM or SIGINT, then shuts down gracefully.
    ///
    /// - Throws: When a service fails.
    public func run() async throws {
        var groupConfiguration = ServiceGroupConfiguration(
            services: services().map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(15)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }

    /// Runs one cycle over every feed, delivers what it raised, and returns.
    ///
    /// - Returns: What the cycle did.
    /// - Throws: ``StoreError`` when the store fails.
    @discardableResult
    public func runOnce() async throws(StoreError) -> CycleReport {
        let report = try await pipeline.runCycle(force: true)
        try await dispatcher.deliverDue()
        return report
    }

    /// Runs one cycle over every feed, delivers what is due, and judges the run for `feedwatch run --once`.
    ///
    /// - Returns: The cycle, what was delivered and what is still pending, with the run's verdict.
    /// - Throws: ``StoreError`` when the store fails.
    public func runOnceReporting() async throws(StoreError) -> RunOnceReport {
        let cycle = try await pipeline.runCycle(force: true)
        let delivered = try await dispatcher.deliverDue()
        let pendingCount = try await store.pendingDeliveryCount()
        let pending = pendingCount == 0 ? [] : try await store.alerts(withDeliveriesIn: .pending, limit: pendingCount)
        return RunOnceReport(
            cycle: cycle,
            delivered: delivered,
            pending: pending,
            sinks: Set(dispatcher.sinkNames)
        )
    }
}
