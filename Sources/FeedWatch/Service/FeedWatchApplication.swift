import Foundation
public import Logging
public import ServiceLifecycle
import UnixSignals

/// The whole daemon, wired from a configuration: the one factory that both `main` and the tests call.
///
/// ```swift
/// let configuration = try FeedWatchConfiguration.load(contentsOf: "Config/demo.yml")
/// let app = try FeedWatchApplication(configuration: configuration, logger: logger)
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
    private let logger: Logger

    /// Builds every part from a configuration.
    ///
    /// - Parameters:
    ///   - configuration: A validated configuration.
    ///   - logger: The root logger.
    ///   - logLine: Where the `log` sinks write their lines (standard output by default).
    ///   - random: The source of poll-schedule jitter (tests inject a constant one).
    /// - Throws: ``AnalysisError`` for a bad topic, ``StoreError`` when the database cannot be opened,
    ///   ``AlertError`` when a sink cannot be set up.
    public init(
        configuration: FeedWatchConfiguration,
        logger: Logger,
        logLine: @escaping @Sendable (String) -> Void = LogSink.standardOutput,
        random: RandomSource = .system
    ) throws {
        let analyzer = try Analyzer(topics: configuration.topics)
        let store = try SQLiteStore(path: configuration.database)
        let pollClient = HTTPClient(
            maximumConcurrentTransfers: configuration.poll.concurrency,
            maximumConnectionsPerHost: configuration.poll.hostConnections,
            hostGap: configuration.poll.hostGap
        )
        let deliveryClient = HTTPClient(maximumConcurrentTransfers: 1)
        var sinks: [any AlertSink] = []
        for sink in configuration.sinks {
            switch sink {
            case .log(let log):
                sinks.append(LogSink(configuration: log, write: logLine))
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
        let dispatcher = AlertDispatcher(store: store, sinks: sinks, logger: logger)
        self.configuration = configuration
        self.store = store
        self.dispatcher = dispatcher
        self.logger = logger
        self.pipeline = FeedPipeline(
            configuration: configuration,
            store: store,
            fetcher: FeedFetcher(client: pollClient, poll: configuration.poll, logger: logger),
            analyzer: analyzer,
            sinkNames: dispatcher.sinkNames,
            logger: logger,
            random: random
        )
    }

    /// Checks what a configuration needs beyond its syntax: topic queries and presets, and sink secrets.
    ///
    /// - Parameter configuration: A configuration that loaded.
    /// - Throws: ``AnalysisError`` or ``AlertError`` describing the first problem.
    public static func check(_ configuration: FeedWatchConfiguration) throws {
        _ = try Analyzer(topics: configuration.topics)
        let client = HTTPClient(maximumConcurrentTransfers: 1)
        for case .webhook(let webhook) in configuration.sinks {
            _ = try WebhookSink(configuration: webhook, client: client, userAgent: configuration.poll.userAgent)
        }
    }

    /// The long-running services, to be run in one `ServiceGroup`.
    public var services: [any Service] {
        [PollerService(pipeline: pipeline, logger: logger), DeliveryService(dispatcher: dispatcher, logger: logger)]
    }

    /// Runs every service until SIGTERM or SIGINT, then shuts down gracefully.
    ///
    /// - Throws: When a service fails.
    public func run() async throws {
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
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
}
