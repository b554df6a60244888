public import FeedWatchCore
public import Foundation

extension CurlTransport {
    /// One HTTP (or `file:`) request, as plain values; ``CurlTransport`` performs it with libcurl.
    public struct Request: Sendable, Equatable {
        /// The request method.
        public enum Method: String, Sendable, Equatable {
            /// `GET`.
            case get = "GET"
            /// `POST`, with ``Request/body``.
            case post = "POST"
        }

        /// The absolute URL (`http`, `https` or `file`).
        public var url: String
        /// The method.
        public var method: Method
        /// Extra request headers, in order, sent verbatim.
        public var headers: [(name: String, value: String)]
        /// The body of a `POST`.
        public var body: Data?
        /// The limits and identity the transfer runs with.
        public var options: Options

        /// Creates a request.
        public init(
            url: String,
            method: Method = .get,
            headers: [(name: String, value: String)] = [],
            body: Data? = nil,
            options: Options = Options()
        ) {
            self.url = url
            self.method = method
            self.headers = headers
            self.body = body
            self.options = options
        }

        /// Requests are equal when they would send the same bytes.
        public static func == (lhs: Request, rhs: Request) -> Bool {
            lhs.url == rhs.url && lhs.method == rhs.method && lhs.body == rhs.body
                && lhs.options == rhs.options
                && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
        }
    }

    /// Per-transfer limits and identity.
    public struct Options: Sendable, Equatable {
        /// The total time a transfer may take, in seconds.
        public var timeout: TimeInterval
        /// The time allowed to connect, in seconds.
        public var connectTimeout: TimeInterval
        /// The largest body accepted, counted after content decoding, in bytes.
        public var maxBodyBytes: Int
        /// The `User-Agent` header.
        public var userAgent: String
        /// The URL schemes the request may use, and redirects may lead to (`file` is never a redirect target).
        public var allowedSchemes: Set<String>
        /// A transfer slower than this many bytes per second for ``lowSpeedTime`` seconds is aborted.
        public var lowSpeedLimit: Int
        /// How long a transfer may stay below ``lowSpeedLimit`` before it is aborted, in seconds.
        public var lowSpeedTime: TimeInterval
        /// Whether redirects are followed; when not, a `3xx` is the response (its `location` header kept).
        public var followsRedirects: Bool
        /// Whether a body over ``maxBodyBytes`` is cut to the cap and the response kept (for answers whose body
        /// does not matter, such as a webhook receiver's), instead of failing the transfer.
        public var discardsExcessBody: Bool
        /// Whether connections to loopback, private, link-local, carrier-grade NAT and cloud-metadata addresses are
        /// refused (``FetchError/Code/refusedAddress``), redirects included: the resolved address is checked, so a
        /// public name pointing inside is refused too.
        public var refusesPrivateNetworks: Bool

        /// Creates transfer options.
        public init(
            timeout: TimeInterval = 30,
            connectTimeout: TimeInterval = 10,
            maxBodyBytes: Int = 10 * 1024 * 1024,
            userAgent: String = UserAgent.feedwatch,
            allowedSchemes: Set<String> = ["http", "https", "file"],
            lowSpeedLimit: Int = 64,
            lowSpeedTime: TimeInterval = 20,
            followsRedirects: Bool = true,
            discardsExcessBody: Bool = false,
            refusesPrivateNetworks: Bool = false
        ) {
            self.refusesPrivateNetworks = refusesPrivateNetworks
            self.followsRedirects = followsRedirects
            self.discardsExcessBody = discardsExcessBody
            self.lowSpeedLimit = lowSpeedLimit
            self.lowSpeedTime = lowSpeedTime
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.maxBodyBytes = maxBodyBytes
            self.userAgent = userAgent
            self.allowedSchemes = allowedSchemes
        }
    }

    /// A completed HTTP exchange (any status), or a `file:` read.
    public struct Response: Sendable, Equatable {
        /// The HTTP status; a successful `file:` read reports 200.
        public var status: Int
        /// The response headers feedwatch uses, keyed by lowercase name, values verbatim.
        public var headers: [String: String]
        /// The body, after content decoding.
        public var body: Data
        /// The URL the response finally came from, after redirects.
        public var effectiveURL: String
        /// How many redirects were followed on the way.
        public var redirectCount: Int
        /// The statuses of the redirects followed, in order (for example `[301, 302]`); empty when none.
        public var redirectStatuses: [Int]

        /// The response headers ``headers`` holds.
        public static let headerNames = [
            "etag", "last-modified", "content-type", "retry-after", "cache-control", "expires", "date", "location",
        ]

        /// Creates a response.
        public init(
            status: Int,
            headers: [String: String],
            body: Data,
            effectiveURL: String,
            redirectCount: Int = 0,
            redirectStatuses: [Int] = []
        ) {
            self.redirectStatuses = redirectStatuses
            self.status = status
            self.headers = headers
            self.body = body
            self.effectiveURL = effectiveURL
            self.redirectCount = redirectCount
        }

        /// The value of a header, by case-insensitive name.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }
}
