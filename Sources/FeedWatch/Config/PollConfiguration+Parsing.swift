extension PollConfiguration {
    /// The keys allowed in the `poll` section.
    static let configKeys = ["interval", "timeout", "connect_timeout", "max_body", "concurrency", "user_agent"]

    /// Reads the `poll` section; every key is optional and defaults to ``PollConfiguration/init()``'s value.
    ///
    /// - Parameter reader: The section's node.
    /// - Returns: The poll configuration.
    /// - Throws: A ``ConfigError`` for an unknown key or a bad value.
    static func parse(_ reader: ConfigNodeReader) throws(ConfigError) -> PollConfiguration {
        let mapping = try reader.mapping(allowedKeys: configKeys)
        var poll = PollConfiguration()
        if let value = mapping.optional("interval") {
            poll.interval = try value.duration()
        }
        if let value = mapping.optional("timeout") {
            poll.timeout = try value.duration()
        }
        if let value = mapping.optional("connect_timeout") {
            poll.connectTimeout = try value.duration()
        }
        if let value = mapping.optional("max_body") {
            poll.maxBody = try value.byteSize()
        }
        if let value = mapping.optional("concurrency") {
            poll.concurrency = try value.int(in: 1...256)
        }
        if let value = mapping.optional("user_agent") {
            poll.userAgent = try value.nonEmptyString()
        }
        return poll
    }
}
