/// Why a transfer failed, with the URL it was for; `description` tells the user what to do.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; new kinds can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String {
            case unreachable, timeout, tooLarge, httpStatus, refusedScheme, fileNotFound, transport, cancelled
            case refusedAddress
        }

        private let kind: Kind

        /// The host could not be resolved or refused the connection.
        public static let unreachable = Code(kind: .unreachable)
        /// The transfer took longer than the configured timeout.
        public static let timeout = Code(kind: .timeout)
        /// The body was larger than the configured cap (counted after decompression).
        public static let tooLarge = Code(kind: .tooLarge)
        /// The server answered with an error status.
        public static let httpStatus = Code(kind: .httpStatus)
        /// The URL, or a redirect, used a scheme that is not allowed.
        public static let refusedScheme = Code(kind: .refusedScheme)
        /// A `file:` URL names a file that does not exist or cannot be read.
        public static let fileNotFound = Code(kind: .fileNotFound)
        /// The host, or a redirect's, resolved to a loopback, private or link-local address, which the request
        /// refuses.
        public static let refusedAddress = Code(kind: .refusedAddress)
        /// Any other transport failure reported by libcurl.
        public static let transport = Code(kind: .transport)
        /// The transfer was stopped because feedwatch is shutting down.
        public static let cancelled = Code(kind: .cancelled)

        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The URL the transfer was for.
    public var url: String
    /// libcurl's error number, when libcurl reported the failure.
    public var curlCode: Int?
    /// The HTTP status, for ``Code/httpStatus``.
    public var status: Int?
    /// libcurl's or the server's own words.
    public var message: String

    /// Creates a fetch error.
    public init(code: Code, url: String, curlCode: Int? = nil, status: Int? = nil, message: String) {
        self.code = code
        self.url = url
        self.curlCode = curlCode
        self.status = status
        self.message = message
    }

    /// What happened and what to do about it.
    public var description: String {
        let advice: String
        switch code {
        case .unreachable:
            advice = "check the URL and that the host is up; feedwatch will retry on the next poll"
        case .timeout:
            advice = "the server is slow or stalled; feedwatch will retry, or raise poll.timeout"
        case .tooLarge:
            advice = "raise poll.max_body if this feed is really that large"
        case .httpStatus:
            advice = "check the feed URL in a browser; feedwatch will retry on the next poll"
        case .refusedScheme:
            advice = "feeds may use http, https or file URLs only"
        case .fileNotFound:
            advice = "check the path in the configuration"
        case .cancelled:
            advice = "feedwatch is shutting down; the feed is polled again after restart"
        case .refusedAddress:
            advice =
                "poll.allow_private_networks is false, so feeds on loopback, private, link-local or cloud-metadata "
                + "addresses are refused; set it to true if this feed is meant to be inside your network"
        default:
            advice = "feedwatch will retry on the next poll"
        }
        var text = "fetching \(url) failed: \(message)"
        if let curlCode { text += " (curl error \(curlCode))" }
        return text + "; " + advice + "."
    }
}
