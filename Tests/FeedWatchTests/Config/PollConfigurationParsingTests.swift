import Testing

@testable import FeedWatchConfig

@Suite("Parsing the poll section's scheduling and politeness keys")
struct PollConfigurationParsingTests {
    @Test func everySchedulingAndPolitenessKeyIsRead() throws {
        let yaml = """
            poll:
              min_interval: 2m
              max_interval: 12h
              max_backoff: 6h
              failing_after: 2d
              relink_after: 5
              host_gap: 250ms
              host_connections: 4
              startup_spread: 5m
            """
        let poll = try parseConfig(yaml).poll
        #expect(poll.minInterval == 120)
        #expect(poll.maxInterval == 43_200)
        #expect(poll.maxBackoff == 21_600)
        #expect(poll.failingAfter == 172_800)
        #expect(poll.relinkAfter == 5)
        #expect(poll.hostGap == 0.25)
        #expect(poll.hostConnections == 4)
        #expect(poll.startupSpread == 300)
    }

    @Test func defaultsMatchTheDocumentedOnes() throws {
        let poll = try parseConfig("feeds: []\n").poll
        #expect(poll.minInterval == 300)
        #expect(poll.maxInterval == 86_400)
        #expect(poll.maxBackoff == 86_400)
        #expect(poll.failingAfter == 86_400)
        #expect(poll.relinkAfter == 3)
        #expect(poll.hostGap == 1)
        #expect(poll.hostConnections == 2)
        #expect(poll.startupSpread == 60)
    }

    @Test func hostGapAndStartupSpreadMayBeZero() throws {
        let poll = try parseConfig("poll:\n  host_gap: 0\n  startup_spread: 0s\n").poll
        #expect(poll.hostGap == 0)
        #expect(poll.startupSpread == 0)
    }

    @Test func minIntervalLongerThanMaxIntervalIsAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("poll:\n  min_interval: 2h\n  max_interval: 1h\n")
        }
        #expect(error?.code == .invalidValue)
        let expected = "poll.min_interval (7200s) must not be longer than poll.max_interval (3600s)"
        #expect(error?.description.contains(expected) == true)
    }

    @Test func relinkAfterMustBeAtLeastOne() throws {
        let error = #expect(throws: ConfigError.self) { try parseConfig("poll:\n  relink_after: 0\n") }
        #expect(error?.keyPath == "poll.relink_after")
    }
}
