import Testing

@testable import FeedWatchConfig

@Suite("Durations, sizes and other values")
struct ConfigValueTests {
    private func poll(_ key: String, _ value: String) throws(ConfigError) -> PollConfiguration {
        try parseConfig("poll:\n  \(key): \(value)\n").poll
    }

    @Test(arguments: [
        ("90", 90.0), ("90s", 90), ("15m", 900), ("1.5h", 5400), ("1d", 86_400), ("2 h", 7200),
    ])
    func durationsConvertToSeconds(text: String, seconds: Double) throws {
        #expect(try poll("interval", text).interval == seconds)
    }

    @Test(arguments: ["soon", "-5s", "5y", "1.2.3s", "m", "15M", "''"])
    func malformedOrNonPositiveDurationsAreInvalid(text: String) throws {
        let error = try #require(throws: ConfigError.self) { try poll("timeout", text) }

        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "poll.timeout")
    }

    @Test func durationGivenAsListIsWrongType() throws {
        let error = try #require(throws: ConfigError.self) { try poll("timeout", "[1, 2]") }

        #expect(error.code == .wrongType)
        #expect(error.message == "expected a duration such as 90s, 15m, 2h or 1d, got a list.")
    }

    @Test(arguments: [
        ("1048576", 1_048_576), ("512B", 512), ("10KB", 10_000), ("10MB", 10_000_000), ("1GB", 1_000_000_000),
        ("10KiB", 10_240), ("10MiB", 10_485_760), ("1GiB", 1_073_741_824), ("1.5KB", 1500), ("2mb", 2_000_000),
        ("1.1KB", 1100), ("0.1MB", 100_000), ("2.3GB", 2_300_000_000),
    ])
    func byteSizesConvertToBytes(text: String, bytes: Int) throws {
        #expect(try poll("max_body", text).maxBody == bytes)
    }

    @Test func zeroByteSizeIsInvalid() throws {
        let error = try #require(throws: ConfigError.self) { try poll("max_body", "0MB") }

        #expect(error.code == .invalidValue)
        #expect(error.message == "the size must be greater than zero bytes, got '0MB'.")
    }

    @Test func blankUserAgentIsInvalid() throws {
        let error = try #require(throws: ConfigError.self) { try poll("user_agent", "'  '") }

        #expect(error.code == .invalidValue)
        #expect(error.description == "config.yml:2:15: poll.user_agent: must not be empty.")
    }

    @Test func quotedNullIsText() throws {
        #expect(try parseConfig("database: 'null'\n").database == "/srv/feedwatch/null")
    }

    @Test func nonStringTagIsWrongType() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("feeds:\n  - url: https://example.org/a.xml\n    tags: [world, {a: b}]\n")
        }

        #expect(error.code == .wrongType)
        #expect(error.keyPath == "feeds[0].tags[1]")
        #expect(error.line == 3)
        #expect(error.column == 19)
    }

    @Test func suggestionNeedsACloseKey() {
        let keys = ["url", "name", "interval", "tags"]

        #expect(ConfigKeySuggester.suggestion(for: "intervall", among: keys) == "interval")
        #expect(ConfigKeySuggester.suggestion(for: "URL", among: keys) == "url")
        #expect(ConfigKeySuggester.suggestion(for: "tag", among: keys) == "tags")
        #expect(ConfigKeySuggester.suggestion(for: "colour", among: keys) == nil)
    }

    @Test func editDistanceCountsSingleCharacterEdits() {
        #expect(ConfigKeySuggester.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(ConfigKeySuggester.editDistance(Array(""), Array("abc")) == 3)
        #expect(ConfigKeySuggester.editDistance(Array("same"), Array("same")) == 0)
    }
}
