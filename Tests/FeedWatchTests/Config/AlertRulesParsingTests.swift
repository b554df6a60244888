import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("Config: routing, delivery limits, cooldown and digest")
struct AlertRulesParsingTests {
    private let topics = """
        topics:
          - id: ceasefire
            match: ceasefire
            cooldown: 30m
          - id: elections
            match: election
            digest: 2h

        """

    @Test func sinksReadTheirTopicsKindsAndDeliveryLimits() throws {
        let config = try parseConfig(
            topics + """
                sinks:
                  - type: log
                  - type: webhook
                    url: https://hooks.example/in
                    topics: [ceasefire, feeds]
                    kinds: [status_change, feed_failing]
                    max_attempts: 5
                    max_age: 6h
                """
        )
        #expect(config.sinks[0].rules == SinkRules())
        #expect(
            config.sinks[1].rules
                == SinkRules(
                    topics: ["ceasefire", "feeds"],
                    kinds: [.statusChange, .feedFailing],
                    maxAttempts: 5,
                    maxAge: 6 * 3600
                )
        )
    }

    @Test func topicsReadCooldownAndDigest() throws {
        let config = try parseConfig(topics)
        #expect(config.topics.map(\.grouping) == [.cooldown(seconds: 1800), .digest(seconds: 7200)])
        let plain = try parseConfig("topics:\n  - id: t\n    match: truce\n")
        #expect(plain.topics.first?.grouping == .immediate)
    }

    @Test func aSinkNamingAnUnknownTopicIsAnErrorWithASuggestion() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig(topics + "sinks:\n  - type: log\n    topics: [ceasfire]\n")
        }
        #expect(error.code == .invalidValue)
        #expect(error.line == 10)
        #expect(error.message.contains("did you mean 'ceasefire'"))
    }

    @Test func aSinkNamingAnUnknownKindIsAnErrorListingTheKinds() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("sinks:\n  - type: log\n    kinds: [status]\n")
        }
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "sinks[0].kinds[0]")
        #expect(error.message.contains("'status_change'"))
        #expect(!error.message.contains("'digest'"), "a digest is made at delivery; it cannot be routed")
    }

    @Test func maxAttemptsMustBePositive() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("sinks:\n  - type: log\n    max_attempts: 0\n")
        }
        #expect(error.keyPath == "sinks[0].max_attempts")
    }

    @Test func aTopicWithBothCooldownAndDigestIsAnError() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: t\n    match: truce\n    cooldown: 1h\n    digest: 1h\n")
        }
        #expect(error.code == .invalidValue)
        #expect(error.line == 4)
        #expect(error.message.contains("not both"))
    }
}
