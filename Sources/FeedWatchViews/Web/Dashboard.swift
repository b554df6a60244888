public import FeedWatchConfig
public import FeedWatchCore
public import FeedWatchObservability
public import FeedWatchStore
public import Foundation
public import Hummingbird
public import Logging
import Mustache

/// The web dashboard and the Atom feed of alerts, served on the HTTP listener: server-rendered HTML, SVG charts
/// drawn here, no script. Read-only: every route is a `GET`.
///
/// Every page carries a strict `Content-Security-Policy` (nothing but this server's stylesheet may load, no script
/// may run), feed text is escaped, links from feeds are kept only when they are `http` or `https`, and sinks are
/// shown without their secrets (a webhook by its origin only).
public struct Dashboard: HTTPPages {
    let views: TopicViews
    let sinks: [SinkConfiguration]
    let logger: Logger
    let renderer: DashboardRenderer

    /// How many alerts a page of `/alerts` lists.
    public static let pageSize = 50

    /// Creates the dashboard.
    ///
    /// - Parameters:
    ///   - views: The topics' views over the store.
    ///   - sinks: The configured sinks (shown on an alert's page, without secrets).
    ///   - logger: Where failures to read the store are logged.
    public init(views: TopicViews, sinks: [SinkConfiguration], logger: Logger) {
        self.views = views
        self.sinks = sinks
        self.logger = logger
        self.renderer = DashboardRenderer()
    }

    public func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await page { try await index() } }
        router.get("/topics/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return try await page { try await topic(id) }
        }
        router.get("/alerts") { request, _ in
            let parameters = request.uri.queryParameters
            return try await page {
                try await alerts(
                    topic: parameters.get("topic").flatMap { $0.isEmpty ? nil : String($0) },
                    kind: parameters.get("kind").flatMap { Alert.Kind(rawValue: String($0)) },
                    page: parameters.get("page").flatMap { Int($0) } ?? 1
                )
            }
        }
        router.get("/alerts/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return try await page { try await alert(id) }
        }
        router.get("/feeds") { _, _ in try await page { try await feeds() } }
        router.get("/alerts.atom") { _, _ in try await atom(topic: nil) }
        router.get("/topics/:id/alerts.atom") { _, context in try await atom(topic: context.parameters.get("id") ?? "")
        }
        router.get("/static/dashboard.css") { _, _ in
            Self.response(.ok, type: "text/css; charset=utf-8", body: renderer.stylesheet)
        }
    }

    /// Builds the coverage index (every topic's items per day) before the first visitor asks: with 100,000 stored
    /// items it takes most of a second, which the first page would otherwise wait for.
    public func prepare() async {
        do {
            _ = try await views.summaries()
        } catch {
            logger.warning(
                "dashboard: cannot read the store ahead of the first request",
                metadata: ["error": "\(error)"]
            )
        }
    }

    // MARK: - Responses

    /// The headers every response carries: nothing may load but this server's stylesheet, nothing may run, the
    /// page may not be framed, and the browser must not guess types.
    static func headers(type: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.cacheControl] = "no-store"
        return headers
    }

    static func response(_ status: HTTPResponse.Status, type: String, body: String) -> Response {
        Response(
            status: status,
            headers: headers(type: type),
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    /// A page from `build`, or a plain error page when the store cannot be read.
    private func page(_ build: () async throws -> DashboardPage) async throws -> Response {
        do {
            let page = try await build()
            return Self.response(page.status, type: "text/html; charset=utf-8", body: renderer.render(page))
        } catch {
            logger.error("dashboard cannot read the store", metadata: ["error": "\(error)"])
            let page = DashboardPage(
                status: .internalServerError,
                title: "Error",
                template: "notFound",
                context: ["message": "The store cannot be read right now; the daemon's log says why."]
            )
            return Self.response(page.status, type: "text/html; charset=utf-8", body: renderer.render(page))
        }
    }

    private func atom(topic: String?) async throws -> Response {
        do {
            if let topic, !views.topics.contains(where: { $0.id == topic }) {
                return Self.response(.notFound, type: "text/plain; charset=utf-8", body: "no such topic\n")
            }
            let name = topic.flatMap { id in views.topics.first { $0.id == id }?.name }
            let records = try await views.store.alerts(matching: AlertQuery(topic: topic, limit: Self.pageSize)).records
            let feed = AlertAtomFeed(topic: topic, topicName: name, alerts: records.map(\.alert)).xml()
            return Self.response(.ok, type: "application/atom+xml; charset=utf-8", body: feed)
        } catch {
            logger.error("dashboard cannot read the store", metadata: ["error": "\(error)"])
            return Self.response(.internalServerError, type: "text/plain; charset=utf-8", body: "store unavailable\n")
        }
    }
}

/// One page to render: its template, its context and its status.
struct DashboardPage {
    var status: HTTPResponse.Status = .ok
    var title: String
    var template: String
    var context: [String: Any]
    var atom = "/alerts.atom"
}

/// Renders pages from the embedded templates.
struct DashboardRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: String

    init() {
        var library = MustacheLibrary()
        let templates: [(String, String)] = [
            ("layout", DashboardTemplates.layout), ("index", DashboardTemplates.index),
            ("topic", DashboardTemplates.topic), ("alerts", DashboardTemplates.alerts),
            ("alertTable", DashboardTemplates.alertTable), ("alert", DashboardTemplates.alert),
            ("feeds", DashboardTemplates.feeds), ("notFound", DashboardTemplates.notFound),
        ]
        for (name, source) in templates {
            // The templates are constants of this file: a syntax error is a bug the dashboard tests catch.
            try? library.register(source, named: name)
        }
        self.library = library
        let badges = SVGCharts.statusColors.sorted { $0.key < $1.key }.map { status, color in
            ".badge[data-status=\"\(status)\"] { background: \(color); color: #fff; }"
        }
        stylesheet = DashboardTemplates.stylesheet + "\n" + badges.joined(separator: "\n") + "\n"
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    func render(_ page: DashboardPage) -> String {
        let body = render(page.template, page.context)
        return render("layout", ["title": page.title, "body": body, "atom": page.atom])
    }
}
