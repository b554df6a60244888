import Testing

@testable import FeedWatchConfig

/// The `retention` section: documented defaults, `0`/`off` to keep for ever, and floors below which pruning would
/// take what the views and the analysis still read.
@Suite("Configuration: retention")
struct RetentionConfigurationParsingTests {
    @Test func theDefaultsKeepItemsHalfAYearAlertsAYearAndFiveThousandItemsPerFeed() throws {
        let retention = try parseConfig("feeds: []\n").retention
        #expect(retention.items == 180 * 86_400.0)
        #expect(retention.alerts == 365 * 86_400.0)
        #expect(retention.maxItemsPerFeed == 5000)
    }

    @Test func eachSettingCanBeChangedOrTurnedOff() throws {
        let retention = try parseConfig(
            "retention:\n  items: 30d\n  alerts: off\n  max_items_per_feed: 0\n"
        ).retention
        #expect(retention.items == 30 * 86_400.0)
        #expect(retention.alerts == nil)
        #expect(retention.maxItemsPerFeed == nil)
        #expect(try parseConfig("retention:\n  items: 0\n  alerts: 0\n  max_items_per_feed: off\n").retention == .off)
    }

    @Test func aRetentionUnderAWeekIsRefused() throws {
        let error = try #require(throws: ConfigError.self) { try parseConfig("retention:\n  items: 2d\n") }
        #expect(
            error.description
                == "config.yml:2:10: retention.items: keep items at least 7d (the views show the last week), or write "
                + "off to keep them for ever."
        )
    }

    @Test func aCapBelowAHundredItemsIsRefused() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("retention:\n  max_items_per_feed: 20\n")
        }
        #expect(error.keyPath == "retention.max_items_per_feed")
        #expect(error.message == "expected an integer from 100 to 100000000, got 20.")
    }

    @Test func anUnknownKeySuggestsTheKnownOne() throws {
        let error = try #require(throws: ConfigError.self) { try parseConfig("retention:\n  item: 30d\n") }
        #expect(error.message.contains("did you mean 'items'?"))
    }
}
