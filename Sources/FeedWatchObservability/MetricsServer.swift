public import FeedWatchConfig
public import Foundation
import Hummingbird
public import Logging
public import ServiceLifecycle

/// The optional HTTP listener: Prometheus `/metrics`, `/healthz` answering 200 only while the poll loop and the
/// store make progress (503 otherwise), and the pages higher layers add (the dashboard). With a password
/// configured, every request needs HTTP basic authentication.
public struct MetricsServer: Service {
    private let configuration: MetricsConfiguration
    private let pages: [any HTTPPages]
    private let metrics: FeedWatchMetrics
    private let healthWindow: TimeInterval
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// Creates the listener.
    ///
    /// - Parameters:
    ///   - configuration: Where to listen.
    ///   - metrics: What to serve.
    ///   - healthWindow: How long after the last progress `/healthz` still answers 200, in seconds.
    ///   - logger: Where listener events are logged.
    ///   - onListening: Called with the bound port once the listener is up.
    ///   - pages: More pages to serve (the dashboard).
    public init(
        configuration: MetricsConfiguration,
        metrics: FeedWatchMetrics,
        healthWindow: TimeInterval,
        logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        pages: [any HTTPPages] = []
    ) {
        self.configuration = configuration
        self.pages = pages
        self.metrics = metrics
        self.healthWindow = healthWindow
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let router = Router()
        if let authentication = try BasicAuthentication.load(configuration) {
            router.add(middleware: authentication)
        }
        let metrics = self.metrics
        let window = healthWindow
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok,
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition()))
            )
        }
        router.get("/healthz") { _, _ -> Response in
            let healthy = metrics.isHealthy(window: window)
            return Response(
                status: healthy ? .ok : .serviceUnavailable,
                body: ResponseBody(byteBuffer: ByteBuffer(string: healthy ? "ok\n" : "no progress\n"))
            )
        }
        for page in pages { page.register(on: router) }
        let logger = self.logger
        let onListening = self.onListening
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info(
                    "http listener started",
                    metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "")"]
                )
                await onListening(port)
            },
            logger: logger
        )
        let pages = self.pages
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            // Beside the listener, not before it: /healthz and /metrics answer meanwhile.
            group.addTask {
                for page in pages { await page.prepare() }
            }
        }
    }
}
