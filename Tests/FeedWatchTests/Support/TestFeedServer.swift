import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A real HTTP server on 127.0.0.1, started in-process by a test: it serves feeds with validators, records every
/// request it receives, and receives webhooks.
final class TestFeedServer: Sendable {
    /// A document the server serves at a path.
    struct Document: Sendable {
        var body: Data
        var contentType = "application/rss+xml; charset=utf-8"
        var etag: String?
        var lastModified: String?
        var contentEncoding: String?
        var status = 200
        var delay: Duration = .zero
        /// More response headers (Retry-After, Cache-Control, Location…), sent verbatim.
        var headers: [String: String] = [:]
    }

    /// Request headers, looked up by case-insensitive name.
    struct Headers: Sendable {
        fileprivate var storage: [String: String] = [:]

        subscript(name: String) -> String? { storage[name.lowercased()] }
    }

    /// One request as the server saw it.
    struct RecordedRequest: Sendable {
        var method: String
        var path: String
        var headers: Headers
        var body: Data
        var status: Int
        /// When the request arrived, before any delay.
        var receivedAt: ContinuousClock.Instant
    }

    private struct State {
        var documents: [String: Document] = [:]
        var scripts: [String: [Document]] = [:]
        var inFlight = 0
        var maxInFlight = 0
        var inFlightByAgent: [String: Int] = [:]
        var requests: [RecordedRequest] = []
        var webhookStatuses: [Int] = []
    }

    private let state = Mutex(State())
    let port: Int
    /// The loopback address the server listens on.
    let host: String

    private init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The server's origin, `http://HOST:PORT`.
    var baseURL: String { "http://\(host):\(port)" }

    /// The absolute URL of a path.
    func url(_ path: String) -> String { baseURL + path }

    /// Serves `document` at `path` from now on.
    func publish(_ path: String, _ document: Document) {
        state.withLock { $0.documents[path] = document }
    }

    /// Answers the next requests to `path` with these documents, one each and verbatim (no conditional logic),
    /// before falling back to what ``publish(_:_:)`` serves there.
    func script(_ path: String, _ documents: [Document]) {
        state.withLock { $0.scripts[path, default: []] += documents }
    }

    /// How many feed requests from this User-Agent the server is handling now.
    func requestsInFlight(userAgent: String) -> Int {
        state.withLock { $0.inFlightByAgent[userAgent] ?? 0 }
    }

    /// The most feed requests the server was handling at once.
    var maxConcurrentRequests: Int { state.withLock { $0.maxInFlight } }

    /// Serves `text` at `path` with a strong ETag derived from its content and a fixed Last-Modified.
    func publish(_ path: String, text: String, etag: String? = nil, delay: Duration = .zero) {
        let tag = etag ?? "\"v-\(StableTestHash.of(text))\""
        publish(
            path,
            Document(body: Data(text.utf8), etag: tag, lastModified: "Sun, 01 Mar 2026 08:00:00 GMT", delay: delay)
        )
    }

    /// Makes the webhook endpoint answer these statuses, one per request, then 200.
    func answerWebhooks(with statuses: [Int]) {
        state.withLock { $0.webhookStatuses = statuses }
    }

    /// Every request received so far, in order.
    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// The requests received for one path.
    func requests(to path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    /// The webhook deliveries received (POSTs to `/hooks`) that were answered 2xx.
    var webhooks: [RecordedRequest] {
        requests.filter { $0.method == "POST" && $0.path == "/hooks" && (200..<300).contains($0.status) }
    }

    /// Starts one server per loopback address (each a host of its own to a client), runs `body` with them, and
    /// stops them.
    static func withServers<T: Sendable>(
        on hosts: [String],
        _ body: @Sendable ([TestFeedServer]) async throws -> T
    ) async throws -> T {
        guard let host = hosts.last else { return try await body([]) }
        return try await withServers(on: Array(hosts.dropLast())) { servers in
            try await withServer(host: host) { server in try await body(servers + [server]) }
        }
    }

    /// Starts a server on `host` (a loopback address), runs `body` with it, and stops it.
    static func withServer<T: Sendable>(
        host: String = "127.0.0.1",
        _ body: @Sendable (TestFeedServer) async throws -> T
    ) async throws -> T {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let box = Mutex<TestFeedServer?>(nil)
        let router = Router()
        router.get("**") { request, _ -> Response in
            guard let server = box.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            return try await server.serve(request)
        }
        // Any other POST path answers with the document published there: a webhook receiver that redirects or
        // answers with a long page.
        router.post("/answers/**") { request, _ -> Response in
            guard let server = box.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            return try await server.serve(request)
        }
        router.post("/hooks") { request, _ -> Response in
            guard let server = box.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            return try await server.receiveWebhook(request)
        }
        var logger = Logger(label: "test-feed-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await value in portStream {
                port = value
                break
            }
            let server = TestFeedServer(host: host, port: port)
            box.withLock { $0 = server }
            do {
                let value = try await body(server)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    private func record(
        _ request: Request,
        body: Data,
        status: Int,
        receivedAt: ContinuousClock.Instant = .now
    ) {
        var headers = Headers()
        for field in request.headers {
            headers.storage[field.name.canonicalName.lowercased()] = field.value
        }
        let recorded = RecordedRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            headers: headers,
            body: body,
            status: status,
            receivedAt: receivedAt
        )
        state.withLock { $0.requests.append(recorded) }
    }

    private func serve(_ request: Request) async throws -> Response {
        let receivedAt = ContinuousClock.now
        let path = request.uri.path
        let agent = request.headers[.userAgent] ?? ""
        let (document, scripted) = state.withLock { state -> (Document?, Bool) in
            state.inFlight += 1
            state.inFlightByAgent[agent, default: 0] += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            if var script = state.scripts[path], !script.isEmpty {
                let next = script.removeFirst()
                state.scripts[path] = script
                return (next, true)
            }
            return (state.documents[path], false)
        }
        defer {
            state.withLock {
                $0.inFlight -= 1
                $0.inFlightByAgent[agent, default: 1] -= 1
            }
        }
        guard let document else {
            record(request, body: Data(), status: 404, receivedAt: receivedAt)
            return Response(status: .notFound)
        }
        if document.delay > .zero {
            try await Task.sleep(for: document.delay)
        }
        var headers = HTTPFields()
        headers[.contentType] = document.contentType
        if let etag = document.etag { headers[.eTag] = etag }
        if let lastModified = document.lastModified { headers[.lastModified] = lastModified }
        if let encoding = document.contentEncoding { headers[.contentEncoding] = encoding }
        for (name, value) in document.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        let notModified =
            !scripted
            && ((document.etag != nil && request.headers[.ifNoneMatch] == document.etag)
                || (document.etag == nil && document.lastModified != nil
                    && request.headers[.ifModifiedSince] == document.lastModified))
        if notModified {
            record(request, body: Data(), status: 304, receivedAt: receivedAt)
            return Response(status: .notModified, headers: headers)
        }
        record(request, body: Data(), status: document.status, receivedAt: receivedAt)
        return Response(
            status: HTTPResponse.Status(code: document.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.status == 304 ? Data() : document.body))
        )
    }

    private func receiveWebhook(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let body = Data(buffer.readableBytesView)
        let status = state.withLock { state -> Int in
            state.webhookStatuses.isEmpty ? 200 : state.webhookStatuses.removeFirst()
        }
        record(request, body: body, status: status)
        return Response(status: HTTPResponse.Status(code: status))
    }
}

/// A tiny deterministic hash for test ETags.
enum StableTestHash {
    static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
