/// The validators of a feed's last response, echoed back verbatim so an unchanged feed costs a 304.
public struct ConditionalRequest: Sendable, Equatable {
    /// The `ETag` last received, byte for byte.
    public var etag: String?
    /// The `Last-Modified` last received, byte for byte.
    public var lastModified: String?

    /// Creates validators.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// The request headers that make a GET conditional: `If-None-Match` and `If-Modified-Since`.
    public var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let etag, !etag.isEmpty { headers.append(("If-None-Match", etag)) }
        if let lastModified, !lastModified.isEmpty { headers.append(("If-Modified-Since", lastModified)) }
        return headers
    }
}
