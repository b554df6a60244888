import Testing

@testable import FeedWatchConfig

@Suite("Parsing valid configurations")
struct FeedWatchConfigurationParsingTests {
    @Test func fullConfigurationBecomesModelWithResolvedPathsAndUnits() throws {
        let yaml = """
            database: state/feedwatch.sqlite
            backfill: alert
            poll:
              interval: 1.5h
              timeout: 45s
              connect_timeout: 5
              max_body: 2MB
              concurrency: 16
              user_agent: "custom/1.0"
            feeds:
              - url: https://example.org/world.xml
                name: Example World
                interval: 30m
                tags: [world, wire]
              - url: demo/feeds/../feeds/wire.xml
            topics:
              - id: ceasefire
                name: Ceasefire talks
                match: ceasefire AND (hamas OR israel)
                exclude: football
                status: negotiation
            sinks:
              - type: log
                name: console
                format: json
              - type: webhook
                url: http://127.0.0.1:8080/hooks/feedwatch
                secret_file: secrets/webhook.key
            """
        let configuration = try parseConfig(yaml)

        let expected = FeedWatchConfiguration(
            sourceFile: "/srv/feedwatch/config.yml",
            database: "/srv/feedwatch/state/feedwatch.sqlite",
            poll: PollConfiguration(
                interval: 5400,
                timeout: 45,
                connectTimeout: 5,
                maxBody: 2_000_000,
                concurrency: 16,
                userAgent: "custom/1.0"
            ),
            backfill: .alert,
            feeds: [
                FeedConfiguration(
                    url: "https://example.org/world.xml",
                    name: "Example World",
                    interval: 1800,
                    tags: ["world", "wire"]
                ),
                FeedConfiguration(url: "file:///srv/feedwatch/demo/feeds/wire.xml"),
            ],
            topics: [
                TopicConfiguration(
                    id: "ceasefire",
                    name: "Ceasefire talks",
                    match: "ceasefire AND (hamas OR israel)",
                    exclude: "football",
                    status: "negotiation",
                    location: ConfigLocation(file: "config.yml", line: 19, column: 12)
                )
            ],
            sinks: [
                .log(LogSinkConfiguration(name: "console", format: .json)),
                .webhook(
                    WebhookSinkConfiguration(
                        name: "webhook",
                        url: "http://127.0.0.1:8080/hooks/feedwatch",
                        secretFile: "/srv/feedwatch/secrets/webhook.key"
                    )
                ),
            ]
        )
        #expect(configuration == expected)
    }

    @Test func minimalConfigurationUsesDefaults() throws {
        let configuration = try parseConfig("feeds: []\n")

        #expect(configuration.database == "/srv/feedwatch/feedwatch.sqlite")
        #expect(configuration.backfill == .silent)
        #expect(configuration.poll == PollConfiguration())
        #expect(configuration.poll.maxBody == 10 * 1024 * 1024)
        #expect(configuration.feeds.isEmpty)
        #expect(configuration.topics.isEmpty)
    }

    @Test func absentSinksGiveOneLogfmtLogSink() throws {
        let configuration = try parseConfig("feeds: [https://example.org/a.xml]\n")

        #expect(configuration.sinks == [.log(LogSinkConfiguration(name: "log", format: .logfmt))])
    }

    @Test func emptySinksListMeansNoSinks() throws {
        let configuration = try parseConfig("sinks: []\n")

        #expect(configuration.sinks.isEmpty)
    }

    @Test func plainStringFeedIsShorthandForURL() throws {
        let configuration = try parseConfig("feeds:\n  - https://example.org/feed.xml\n")

        #expect(configuration.feeds == [FeedConfiguration(url: "https://example.org/feed.xml")])
    }

    @Test func localFeedPathsBecomeAbsoluteFileURLs() throws {
        let yaml = """
            feeds:
              - demo/feeds/wire.xml
              - file:demo/./other.xml
              - /srv/feeds/../feeds/abs.xml
              - file:///var/lib/feed.xml
              - url: demo/with space.xml
            """
        let urls = try parseConfig(yaml).feeds.map(\.url)

        #expect(
            urls == [
                "file:///srv/feedwatch/demo/feeds/wire.xml",
                "file:///srv/feedwatch/demo/other.xml",
                "file:///srv/feeds/abs.xml",
                "file:///var/lib/feed.xml",
                "file:///srv/feedwatch/demo/with%20space.xml",
            ]
        )
    }

    @Test func unnamedSinksOfOneTypeGetNumberedNames() throws {
        let yaml = """
            sinks:
              - type: webhook
                url: https://hooks.example.org/a
              - type: webhook
                url: https://hooks.example.org/b
              - type: log
              - type: log
                name: log-2
            """
        let names = try parseConfig(yaml).sinks.map(\.name)

        #expect(names == ["webhook", "webhook-2", "log", "log-2"])
    }

    @Test func unnamedSinkSkipsNameTakenByLaterNamedSink() throws {
        let yaml = """
            sinks:
              - type: log
              - type: log
                name: log
            """
        let names = try parseConfig(yaml).sinks.map(\.name)

        #expect(names == ["log-2", "log"])
    }

    @Test func topicNameDefaultsToIdAndRecordsMatchLocation() throws {
        let yaml = """
            topics:
              - id: truce
                match: truce
            """
        let topic = try #require(try parseConfig(yaml).topics.first)

        #expect(topic.name == "truce")
        #expect(topic.location == ConfigLocation(file: "config.yml", line: 3, column: 12))
    }

    @Test func emptyValueCountsAsAbsent() throws {
        let configuration = try parseConfig("database:\npoll:\nfeeds:\n")

        #expect(configuration.database == "/srv/feedwatch/feedwatch.sqlite")
        #expect(configuration.poll == PollConfiguration())
        #expect(configuration.feeds.isEmpty)
    }

    @Test func relativeBaseDirectoryResolvesAgainstWorkingDirectory() throws {
        let configuration = try FeedWatchConfiguration.parse(yaml: "feeds: []", file: "c.yml", baseDirectory: "/a/b/..")

        #expect(configuration.sourceFile == "/a/c.yml")
        #expect(configuration.database == "/a/feedwatch.sqlite")
    }
}

@Suite("Configuration: the metrics listener")
struct MetricsConfigurationParsingTests {
    @Test func listenerIsOffUnlessConfigured() throws {
        #expect(try parseConfig("feeds: []").metrics == nil)
    }

    @Test func listenAddressGivesHostAndPort() throws {
        let configuration = try parseConfig("metrics:\n  listen: 127.0.0.1:9470\n")
        #expect(configuration.metrics == MetricsConfiguration(host: "127.0.0.1", port: 9470))
    }

    @Test func addressWithoutPortIsAnError() throws {
        let error = #expect(throws: ConfigError.self) { try parseConfig("metrics:\n  listen: localhost\n") }
        #expect(error?.code == .invalidValue)
        #expect(error?.line == 2)
        #expect(error?.keyPath == "metrics.listen")
    }
}

@Suite("Configuration: webhook payload templates")
struct WebhookTemplateParsingTests {
    @Test func builtInTemplateAndTemplateFileAreRead() throws {
        let configuration = try parseConfig(
            """
            sinks:
              - type: webhook
                url: https://chat.example/hook
                template: slack
              - type: webhook
                url: https://other.example/hook
                template_file: templates/alert.mustache
            """
        )
        #expect(configuration.sinks.count == 2)
        guard case .webhook(let slack) = configuration.sinks[0], case .webhook(let custom) = configuration.sinks[1]
        else {
            Issue.record("expected two webhook sinks")
            return
        }
        #expect(slack.template == "slack")
        #expect(custom.templateFile == "/srv/feedwatch/templates/alert.mustache")
    }

    @Test func templateAndTemplateFileTogetherAreAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig(
                "sinks:\n  - type: webhook\n    url: https://a.example/h\n    template: slack\n    template_file: x\n"
            )
        }
        #expect(error?.line == 4)
        #expect(error?.message.contains("not both") == true)
    }
}

@Suite("Configuration: no credentials in URLs")
struct URLCredentialsTests {
    @Test func aFeedURLWithAPasswordIsRefusedWithoutEchoingIt() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("feeds:\n  - url: https://reader:hunter2@news.example/rss\n")
        }
        #expect(error?.line == 2)
        #expect(error?.message.contains("user name or password") == true)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test func aWebhookURLWithAUserNameIsRefusedAndPointsToSigning() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("sinks:\n  - type: webhook\n    url: https://bot:t0ken@hooks.example/in\n")
        }
        #expect(error?.line == 3)
        #expect(error?.message.contains("secret_file") == true)
        #expect(error?.message.contains("t0ken") == false)
    }
}
