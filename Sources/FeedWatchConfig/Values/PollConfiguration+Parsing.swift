extension PollConfiguration {
    /// The keys allowed in the `poll` section.
    static let configKeys = [
        "interval", "min_interval", "max_interval", "max_backoff", "failing_after", "relink_after", "host_gap",
        "host_connections", "startup_spread", "timeout", "connect_timeout", "max_body", "concurrency", "user_agent",
        "claim_lease", "allow_private_networks", "max_feeds_per_cycle",
    ]

    /// Reads the `poll` section; every key is optional and defaults to ``PollConfiguration/init()``'s value.
    ///
    /// - Parameter reader: The section's node.
    /// - Returns: The poll configuration.
    /// - Throws: A ``ConfigError`` for an unknown key, a bad value, or `min_interval` above `max_interval`.
    static func parse(_ reader: ConfigNodeReader) throws(ConfigError) -> PollConfiguration {
        let mapping = try reader.mapping(allowedKeys: configKeys)
        var poll = PollConfiguration()
        if let value = mapping.optional("interval") {
            poll.interval = try value.duration()
        }
        if let value = mapping.optional("min_interval") {
            poll.minInterval = try value.duration()
        }
        if let value = mapping.optional("max_interval") {
            poll.maxInterval = try value.duration()
        }
        if let value = mapping.optional("max_backoff") {
            poll.maxBackoff = try value.duration()
        }
        if let value = mapping.optional("failing_after") {
            poll.failingAfter = try value.duration()
        }
        if let value = mapping.optional("relink_after") {
            poll.relinkAfter = try value.int(in: 1...100)
        }
        if let value = mapping.optional("host_gap") {
            poll.hostGap = try value.duration(allowingZero: true)
        }
        if let value = mapping.optional("host_connections") {
            poll.hostConnections = try value.int(in: 1...64)
        }
        if let value = mapping.optional("startup_spread") {
            poll.startupSpread = try value.duration(allowingZero: true)
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
        if let value = mapping.optional("claim_lease") {
            poll.claimLease = try value.duration()
        }
        if let value = mapping.optional("allow_private_networks") {
            poll.allowPrivateNetworks = try value.bool()
        }
        if let value = mapping.optional("max_feeds_per_cycle") {
            poll.maxFeedsPerCycle = try value.int(in: 1...100_000)
        }
        if poll.minInterval > poll.maxInterval,
            let value = mapping.optional("min_interval") ?? mapping.optional("max_interval")
        {
            throw value.error(
                .invalidValue,
                "poll.min_interval (\(Int(poll.minInterval))s) must not be longer than poll.max_interval "
                    + "(\(Int(poll.maxInterval))s)."
            )
        }
        return poll
    }
}
