public import FeedWatchAlerts
import FeedWatchAnalysis
import FeedWatchConfig
public import FeedWatchObservability
public import Logging
public import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration file whenever asked (on SIGHUP under `feedwatch run`) and applies it to the running
/// pipeline; an invalid file is logged with its error and the running configuration stays in force.
public struct ReloadService: Service {
    private let path: String
    private let pipeline: FeedPipeline
    private let dispatcher: AlertDispatcher?
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let triggers: (any AsyncSequence<Void, Never> & Sendable)?

    /// Creates the reload loop.
    ///
    /// - Parameters:
    ///   - path: The configuration file to re-read.
    ///   - pipeline: The pipeline to reconfigure.
    ///   - dispatcher: The dispatcher whose topics' `digest` and `cooldown` are replaced.
    ///   - notifier: Told `RELOADING=1` and then `READY=1` around each reload.
    ///   - logger: Where reloads and their errors are logged.
    ///   - triggers: One element per reload request; SIGHUP by default.
    public init(
        path: String,
        pipeline: FeedPipeline,
        dispatcher: AlertDispatcher? = nil,
        notifier: SystemdNotifier,
        logger: Logger,
        triggers: (any AsyncSequence<Void, Never> & Sendable)? = nil
    ) {
        self.path = path
        self.pipeline = pipeline
        self.dispatcher = dispatcher
        self.notifier = notifier
        self.logger = logger
        self.triggers = triggers
    }

    public func run() async throws {
        if let triggers {
            await reload(on: triggers)
        } else {
            await reload(on: await UnixSignalsSequence(trapping: .sighup))
        }
    }

    private func reload<Requests: AsyncSequence & Sendable>(on requests: Requests) async
    where Requests.Failure == Never, Requests.Element: Sendable {
        for await _ in requests.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// Reads, checks and applies the configuration file once.
    ///
    /// - Returns: `true` when the new configuration is in force.
    @discardableResult
    public func reload() async -> Bool {
        notifier.send(.reloading())
        defer { notifier.send(.ready, .status("configuration reloaded")) }
        logger.info("reloading configuration", metadata: ["config": "\(path)"])
        do {
            let configuration = try FeedWatchConfiguration.load(contentsOf: path)
            try FeedWatchApplication.check(configuration)
            let analyzer = try Analyzer(topics: configuration.topics)
            try await pipeline.reconfigure(configuration, analyzer: analyzer)
            dispatcher?.regroup(configuration.alertGrouping)
            logger.info(
                "configuration reloaded",
                metadata: [
                    "config": "\(path)", "feeds": "\(configuration.feeds.count)",
                    "topics": "\(configuration.topics.count)",
                ]
            )
            return true
        } catch {
            logger.error(
                "configuration not reloaded; the running one stays in force",
                metadata: ["config": "\(path)", "error": "\(error)"]
            )
            return false
        }
    }
}
