internal import Crypto
public import FeedWatchConfig
public import FeedWatchCore
public import FeedWatchTransport
public import Foundation

/// POSTs each alert as JSON to a URL with libcurl, signed per the Standard Webhooks scheme when a secret is set.
///
/// Every request carries `webhook-id` (the alert id, also sent as `Idempotency-Key`) so receivers can drop
/// redeliveries. With a secret it also carries `webhook-timestamp` and
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
public struct WebhookSink: AlertSink {
    public let name: String
    private let url: String
    private let secret: Data?
    private let client: CurlTransport
    private let template: PayloadTemplate
    private let options: CurlTransport.Options

    /// Creates a webhook sink, reading its secret file and payload template if configured.
    ///
    /// - Parameters:
    ///   - configuration: The sink's name, URL and secret file.
    ///   - client: The shared libcurl client.
    ///   - userAgent: The `User-Agent` header.
    ///   - environment: Where `$CREDENTIALS_DIRECTORY` is read for a `secret_credential`.
    /// - Throws: ``AlertError`` when the secret file cannot be read or is empty, or the template is unknown, unreadable
    ///   or does not parse — at start-up, never at delivery time.
    public init(
        configuration: WebhookSinkConfiguration,
        client: CurlTransport,
        userAgent: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AlertError) {
        self.name = configuration.name
        self.url = configuration.url
        self.client = client
        self.options = CurlTransport.Options(
            timeout: 15,
            connectTimeout: 5,
            maxBodyBytes: 64 * 1024,
            userAgent: userAgent,
            allowedSchemes: ["http", "https"],
            // A redirect could carry a signed alert to another host; the operator should update the URL instead.
            followsRedirects: false,
            // The receiver's answer matters only by its status: a long 2xx page is still a delivery.
            discardsExcessBody: true
        )
        if let file = configuration.templateFile {
            self.template = try PayloadTemplate(file: file, sink: configuration.name)
        } else {
            self.template = try PayloadTemplate(builtIn: configuration.template ?? "generic", sink: configuration.name)
        }
        if let file = configuration.secretFile {
            self.secret = try Self.readSecret(file, sink: configuration.name)
        } else if let credential = configuration.secretCredential {
            guard let directory = environment["CREDENTIALS_DIRECTORY"] else {
                throw AlertError(
                    code: .secretUnreadable,
                    sink: configuration.name,
                    message: "the systemd credential '\(credential)' is not available ($CREDENTIALS_DIRECTORY is not "
                        + "set); add LoadCredential=\(credential):/path/to/secret to the unit, or use secret_file"
                )
            }
            self.secret = try Self.readSecret(directory + "/" + credential, sink: configuration.name)
        } else {
            self.secret = nil
        }
    }

    public func deliver(_ alert: Alert) async -> DeliveryOutcome {
        let body = template.render(alert)
        let timestamp = Int(Date().timeIntervalSince1970)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", template.contentType),
            ("webhook-id", alert.id),
            ("Idempotency-Key", alert.id),
        ]
        if let secret {
            headers.append(("webhook-timestamp", String(timestamp)))
            headers.append(
                ("webhook-signature", Self.signature(id: alert.id, timestamp: timestamp, body: body, secret: secret))
            )
        }
        let request = CurlTransport.Request(url: url, method: .post, headers: headers, body: body, options: options)
        do {
            let response = try await client.perform(request)
            return Self.outcome(
                status: response.status,
                retryAfter: response.header("retry-after"),
                location: response.header("location"),
                body: response.body
            )
        } catch {
            return .retry(reason: error.description, after: nil)
        }
    }

    /// The Standard Webhooks signature header value for one request.
    ///
    /// - Parameters:
    ///   - id: The `webhook-id`.
    ///   - timestamp: The `webhook-timestamp`, in seconds since 1970.
    ///   - body: The exact request body.
    ///   - secret: The secret key bytes.
    /// - Returns: `v1,` followed by the base64 HMAC-SHA256 of `id.timestamp.body`.
    public static func signature(id: String, timestamp: Int, body: Data, secret: Data) -> String {
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "v1," + Data(mac).base64EncodedString()
    }

    static func outcome(status: Int, retryAfter: String?, location: String? = nil, body: Data) -> DeliveryOutcome {
        switch status {
        case 200..<300:
            return .delivered
        case 300..<400:
            let target = location.map { " to \(Self.redacted($0))" } ?? ""
            return .dead(
                reason: "the receiver redirected\(target) (HTTP \(status)); webhooks do not follow redirects: set the "
                    + "sink's url to the new location"
            )
        case 408, 429, 500...:
            let now = Date()
            let delay = retryAfter.flatMap { RetryAfter.date(from: $0, now: now) }.map { $0.timeIntervalSince(now) }
            return .retry(reason: "the receiver answered HTTP \(status)", after: delay)
        default:
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            return .dead(reason: "the receiver answered HTTP \(status): \(text)")
        }
    }

    /// A URL without its user information, path and query, for messages (they may hold a token).
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.host != nil else {
            return "another location"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        let hasPath = !(components.path.isEmpty || components.path == "/")
        components.path = ""
        return (components.string ?? "another location") + (hasPath ? "/…" : "")
    }

    private static func readSecret(_ path: String, sink: String) throws(AlertError) -> Data {
        let contents: [UInt8]
        do {
            contents = try ConfigFileReader.secret(atPath: path)
        } catch {
            throw AlertError(
                code: .secretUnreadable,
                sink: sink,
                message: "cannot read the secret file \(path): \(error.message); fix it or secret_file"
            )
        }
        let text = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw AlertError(code: .secretUnreadable, sink: sink, message: "the secret file \(path) is empty")
        }
        if text.hasPrefix("whsec_"), let decoded = Data(base64Encoded: String(text.dropFirst(6))) {
            return decoded
        }
        return Data(text.utf8)
    }
}
