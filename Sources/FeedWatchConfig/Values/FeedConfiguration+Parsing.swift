import Foundation

extension FeedConfiguration {
    /// The keys allowed in one entry of `feeds`.
    static let configKeys = ["url", "name", "interval", "tags"]

    /// Reads the `feeds` list; each entry is a mapping or a plain URL or path.
    ///
    /// - Parameters:
    ///   - reader: The list's node.
    ///   - paths: Resolves relative feed paths against the configuration file's folder.
    /// - Returns: The feeds, in file order.
    /// - Throws: A ``ConfigError`` for a bad entry, or `.duplicate` for a URL listed twice.
    static func parseList(_ reader: ConfigNodeReader, paths: ConfigPathResolver) throws(ConfigError) -> [Self] {
        var feeds: [FeedConfiguration] = []
        var firstLines: [String: Int] = [:]
        for element in try reader.list() {
            let (feed, urlReader) = try parse(element, paths: paths)
            if let firstLine = firstLines[feed.url] {
                throw urlReader.error(
                    .duplicate,
                    "the feed '\(feed.url)' is already listed at line \(firstLine). List each feed once."
                )
            }
            firstLines[feed.url] = urlReader.line
            feeds.append(feed)
        }
        return feeds
    }

    /// Reads one entry of `feeds`.
    ///
    /// - Parameters:
    ///   - reader: The entry's node: a mapping, or a string holding the URL.
    ///   - paths: Resolves relative feed paths.
    /// - Returns: The feed, and the reader of its URL for locating later errors.
    /// - Throws: A ``ConfigError`` for an unknown key, a missing URL or a bad value.
    static func parse(
        _ reader: ConfigNodeReader,
        paths: ConfigPathResolver
    ) throws(ConfigError) -> (feed: Self, url: ConfigNodeReader) {
        if reader.isScalar, !reader.isNull {
            return (FeedConfiguration(url: try resolveURL(reader, paths: paths)), reader)
        }
        guard reader.isMapping else {
            throw reader.error(.wrongType, "expected a feed URL or a mapping with 'url', got \(reader.summary).")
        }
        let mapping = try reader.mapping(allowedKeys: configKeys)
        let urlReader = try mapping.required("url", hint: "the feed's address, such as https://example.org/feed.xml")
        var feed = FeedConfiguration(url: try resolveURL(urlReader, paths: paths))
        feed.name = try mapping.optional("name")?.nonEmptyString()
        feed.interval = try mapping.optional("interval")?.duration()
        feed.tags = try mapping.optional("tags")?.stringList() ?? []
        return (feed, urlReader)
    }

    /// Makes a feed address absolute.
    ///
    /// `http://` and `https://` URLs and `file:///absolute` URLs are kept as written; `file:relative/path`,
    /// relative paths and absolute paths become `file:///absolute/normalized/path`, relative ones
    /// resolved against the configuration file's folder.
    ///
    /// - Parameters:
    ///   - reader: The node holding the address.
    ///   - paths: Resolves relative paths.
    /// - Returns: The absolute URL.
    /// - Throws: `.invalidValue` for an unsupported scheme, a web URL without a host or an empty address.
    static func resolveURL(_ reader: ConfigNodeReader, paths: ConfigPathResolver) throws(ConfigError) -> String {
        let text = try reader.nonEmptyString().trimmingCharacters(in: .whitespaces)
        guard let scheme = ConfigURL.scheme(of: text) else {
            return paths.fileURL(text)
        }
        switch scheme.lowercased() {
        case "http", "https":
            guard ConfigURL.hasHost(text) else {
                throw reader.error(.invalidValue, "the URL '\(ConfigURL.redacted(text))' has no host name.")
            }
            guard !ConfigURL.hasCredentials(text) else {
                throw reader.error(
                    .invalidValue,
                    ConfigURL.credentialsMessage(text, instead: "feeds behind a login are not supported")
                )
            }
            return text
        case "file":
            let rest = text.dropFirst(scheme.count + 1)
            if rest.hasPrefix("///") {
                return text
            }
            guard !rest.hasPrefix("//"), !rest.isEmpty else {
                throw reader.error(
                    .invalidValue,
                    "expected file:///absolute/path or file:relative/path, got '\(text)'."
                )
            }
            return paths.fileURL(String(rest))
        default:
            throw reader.error(
                .invalidValue,
                "unsupported URL scheme '\(scheme)' in '\(text)'; use http, https, file or a file path."
            )
        }
    }
}
