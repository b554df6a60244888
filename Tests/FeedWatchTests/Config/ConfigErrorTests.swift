import Testing

@testable import FeedWatchConfig

@Suite("Configuration errors")
struct ConfigErrorTests {
    private func error(parsing yaml: String) throws -> ConfigError {
        try #require(throws: ConfigError.self) { try parseConfig(yaml) }
    }

    @Test func misspeltKeySuggestsTheClosestKey() throws {
        let yaml = """
            feeds:
              - https://example.org/a.xml
              - url: https://example.org/b.xml
                intervall: 30m
            """
        let error = try error(parsing: yaml)

        #expect(error.code == .unknownKey)
        #expect(error.line == 4)
        #expect(error.column == 5)
        #expect(error.keyPath == "feeds[1].intervall")
        #expect(
            error.description
                == "config.yml:4:5: feeds[1].intervall: unknown key 'intervall' (did you mean 'interval'?). "
                + "Remove it or fix its spelling."
        )
    }

    @Test func camelCaseKeySuggestsSnakeCase() throws {
        let error = try error(parsing: "poll:\n  connectTimeout: 5s\n")

        #expect(error.code == .unknownKey)
        #expect(
            error.message
                == "unknown key 'connectTimeout' (did you mean 'connect_timeout'?). Remove it or fix its spelling."
        )
    }

    @Test func unrelatedUnknownKeyListsAllowedKeys() throws {
        let error = try error(parsing: "feeds: []\nplugins: [x]\n")

        #expect(error.code == .unknownKey)
        #expect(error.line == 2)
        #expect(error.column == 1)
        #expect(error.keyPath == "plugins")
        #expect(
            error.message == "unknown key 'plugins'; the keys allowed here are 'database', 'database_password_file', "
                + "'database_password_credential', 'database_timeout', 'backfill', 'poll', 'feeds', 'topics', 'sinks', 'http', 'metrics', "
                + "'retention'. Remove it or fix its spelling."
        )
    }

    @Test func keyOfAnotherSinkTypeIsUnknown() throws {
        let yaml = """
            sinks:
              - type: webhook
                url: https://hooks.example.org/x
                format: json
            """
        let error = try error(parsing: yaml)

        #expect(error.code == .unknownKey)
        #expect(
            error.description
                == "config.yml:4:5: sinks[0].format: unknown key 'format' here: "
                + "'format' applies to log sinks, not to webhook sinks. Remove it."
        )
    }

    @Test func wordWhereIntegerBelongsIsWrongType() throws {
        let error = try error(parsing: "poll:\n  concurrency: many\n")

        #expect(error.code == .wrongType)
        #expect(
            error.description == "config.yml:2:16: poll.concurrency: expected an integer from 1 to 256, got 'many'."
        )
    }

    @Test func concurrencyOutOfRangeIsInvalid() throws {
        let error = try error(parsing: "poll:\n  concurrency: 0\n")

        #expect(error.code == .invalidValue)
        #expect(error.description == "config.yml:2:16: poll.concurrency: expected an integer from 1 to 256, got 0.")
    }

    @Test func listWhereTextBelongsIsWrongType() throws {
        let error = try error(parsing: "database: [a, b]\n")

        #expect(error.code == .wrongType)
        #expect(error.description == "config.yml:1:11: database: expected text, got a list.")
    }

    @Test func feedWithoutURLIsMissingKey() throws {
        let yaml = """
            feeds:
              - name: No address
                interval: 5m
            """
        let error = try error(parsing: yaml)

        #expect(error.code == .missingKey)
        #expect(
            error.description
                == "config.yml:2:5: feeds[0].url: missing required key 'url' "
                + "(the feed's address, such as https://example.org/feed.xml)."
        )
    }

    @Test func requiredKeyWithoutValueIsMissingKey() throws {
        let error = try error(parsing: "topics:\n  - id: truce\n    match:\n")

        #expect(error.code == .missingKey)
        #expect(error.line == 3)
        #expect(error.column == 5)
        #expect(error.keyPath == "topics[0].match")
    }

    @Test func unparseableDurationIsInvalid() throws {
        let error = try error(parsing: "feeds: []\npoll:\n  interval: soon\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:3:13: poll.interval: expected a duration such as 90s, 15m, 2h or 1d, got 'soon'."
        )
    }

    @Test func zeroDurationIsInvalid() throws {
        let error = try error(parsing: "feeds:\n  - url: https://example.org/a.xml\n    interval: 0s\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:3:15: feeds[0].interval: the duration must be greater than zero, got '0s'."
        )
    }

    @Test func unparseableSizeIsInvalid() throws {
        let error = try error(parsing: "poll:\n  max_body: 10 parsecs\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:2:13: poll.max_body: expected a size such as 512KB, 10MB or 1GiB, got '10 parsecs'."
        )
    }

    @Test func fractionalByteSizeIsInvalid() throws {
        let error = try error(parsing: "poll:\n  max_body: 1.5B\n")

        #expect(error.code == .invalidValue)
        #expect(error.message == "the size must be a whole number of bytes, got '1.5B'.")
    }

    @Test func unsupportedFeedSchemeIsInvalid() throws {
        let error = try error(parsing: "feeds:\n  - ftp://example.org/feed.xml\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:2:5: feeds[0]: unsupported URL scheme 'ftp' in 'ftp://example.org/feed.xml'; "
                + "use http, https, file or a file path."
        )
    }

    @Test func webURLWithoutHostIsInvalid() throws {
        let error = try error(parsing: "feeds:\n  - url: https://\n")

        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "feeds[0].url")
        #expect(error.message == "the URL 'https://' has no host name.")
    }

    @Test func webhookURLMustBeHTTP() throws {
        let error = try error(parsing: "sinks:\n  - type: webhook\n    url: mailto:ops@example.org\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:3:10: sinks[0].url: expected an http:// or https:// URL with a host, "
                + "got 'mailto:ops@example.org'."
        )
    }

    @Test func duplicateFeedNamesBothLines() throws {
        let yaml = """
            feeds:
              - https://example.org/a.xml
              - https://example.org/b.xml
              - url: https://example.org/a.xml
            """
        let error = try error(parsing: yaml)

        #expect(error.code == .duplicate)
        #expect(
            error.description
                == "config.yml:4:10: feeds[2].url: the feed 'https://example.org/a.xml' is already listed at line 2. "
                + "List each feed once."
        )
    }

    @Test func sameFileReachedByTwoPathsIsDuplicate() throws {
        let error = try error(parsing: "feeds:\n  - demo/a.xml\n  - file:///srv/feedwatch/demo/a.xml\n")

        #expect(error.code == .duplicate)
        #expect(error.line == 3)
        #expect(error.keyPath == "feeds[1]")
    }

    @Test func duplicateTopicIdNamesBothLines() throws {
        let yaml = """
            topics:
              - id: truce
                match: truce
              - id: truce
                match: ceasefire
            """
        let error = try error(parsing: yaml)

        #expect(error.code == .duplicate)
        #expect(
            error.description
                == "config.yml:4:9: topics[1].id: the topic id 'truce' is already used at line 2. "
                + "Give each topic its own id."
        )
    }

    @Test func duplicateSinkNameNamesBothLines() throws {
        let yaml = """
            sinks:
              - type: log
                name: out
              - type: webhook
                name: out
                url: https://hooks.example.org/x
            """
        let error = try error(parsing: yaml)

        #expect(error.code == .duplicate)
        #expect(
            error.description
                == "config.yml:5:11: sinks[1].name: the sink name 'out' is already used at line 3. "
                + "Give each sink its own name."
        )
    }

    @Test func topicIdWithUppercaseIsInvalid() throws {
        let error = try error(parsing: "topics:\n  - id: Ceasefire\n    match: ceasefire\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:2:9: topics[0].id: expected an identifier of lowercase letters, digits, '_' and '-', "
                + "got 'Ceasefire'."
        )
    }

    @Test func unknownBackfillValueIsInvalid() throws {
        let error = try error(parsing: "backfill: loud\n")

        #expect(error.code == .invalidValue)
        #expect(error.description == "config.yml:1:11: backfill: expected 'silent' or 'alert', got 'loud'.")
    }

    @Test func unknownSinkTypeIsInvalid() throws {
        let error = try error(parsing: "sinks:\n  - type: email\n")

        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:2:11: sinks[0].type: expected a sink type 'log', 'webhook' or 'exec', got 'email'."
        )
    }

    @Test func yamlSyntaxErrorIsReportedWhereYamsFindsIt() throws {
        let error = try error(parsing: "feeds:\n  - [https://example.org/a.xml\npoll: {}\n")

        #expect(error.code == .syntax)
        #expect(error.keyPath == nil)
        #expect(error.line == 3)
        #expect(error.column == 5)
        #expect(error.description.hasPrefix("config.yml:3:5: invalid YAML: "))
    }

    @Test func keyWrittenTwiceIsDuplicate() throws {
        let error = try error(parsing: "feeds: []\nbackfill: alert\nbackfill: silent\n")

        #expect(error.code == .duplicate)
        #expect(error.line == 2)
        #expect(error.column == 1)
        #expect(error.message == "key 'backfill' is written more than once in the same mapping. Keep only one.")
    }

    @Test func emptyTextIsRejected() throws {
        let error = try error(parsing: "")

        #expect(error.code == .wrongType)
        #expect(
            error.description
                == "config.yml:1:1: the file is empty; expected a mapping with keys such as 'feeds', 'topics' "
                + "and 'sinks'."
        )
    }

    @Test func topLevelListIsRejected() throws {
        let error = try error(parsing: "- https://example.org/a.xml\n")

        #expect(error.code == .wrongType)
        #expect(
            error.description
                == "config.yml:1:1: expected a mapping with keys such as 'feeds', 'topics' and 'sinks' at the top "
                + "level, got a list."
        )
    }

    @Test func errorAtRecordedLocationDescribesIt() {
        let location = ConfigLocation(file: "demo.yml", line: 7, column: 12)

        let error = ConfigError(
            code: .invalidValue,
            location: location,
            keyPath: "topics[0].match",
            message: "bad query."
        )

        #expect(error.description == "demo.yml:7:12: topics[0].match: bad query.")
        #expect(error.code.description == "invalidValue")
    }
}
