import Testing

@testable import FeedWatch

@Suite("Parsing a topic's change rules and aliases")
struct TopicChangeRulesParsingTests {
    @Test func changeRulesAndAliasesAreRead() throws {
        let yaml = """
            topics:
              - id: ceasefire
                match: ceasefire AND gaza
                min_sources: 3
                confirm_window: 12h
                hold: 2h
                surge_window: 30m
                surge_min_items: 8
                actor_min_mentions: 4
                aliases:
                  Israel Defense Forces: [IDF, Israeli army]
                  Hamas: [Islamic Resistance Movement]
            """
        let topic = try #require(try parseConfig(yaml).topics.first)
        #expect(
            topic.rules
                == TopicChangeRules(
                    minSources: 3, confirmWindow: 43_200, hold: 7_200, surgeWindow: 1_800, surgeMinItems: 8,
                    actorMinMentions: 4
                )
        )
        #expect(
            topic.aliases == [
                "IDF": "Israel Defense Forces", "Israeli army": "Israel Defense Forces",
                "Islamic Resistance Movement": "Hamas",
            ]
        )
    }

    @Test func absentRulesTakeTheirDefaults() throws {
        let topic = try #require(try parseConfig("topics:\n  - id: t\n    match: truce\n").topics.first)
        #expect(topic.rules == TopicChangeRules())
        #expect(topic.rules.minSources == 2)
        #expect(topic.aliases.isEmpty)
    }

    @Test func zeroMinSourcesIsAnErrorWithItsLocation() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: t\n    match: truce\n    min_sources: 0\n")
        }
        #expect(error.code == .invalidValue)
        #expect(error.line == 4)
        #expect(error.keyPath == "topics[0].min_sources")
    }

    @Test func aliasesMustBeAMappingOfLists() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: t\n    match: truce\n    aliases: [IDF]\n")
        }
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "topics[0].aliases")
    }
}
