import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

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
                    minSources: 3,
                    confirmWindow: 43_200,
                    hold: 7_200,
                    surgeWindows: [1_800],
                    surgeMinItems: 8,
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

    @Test func objectsAndHeadlineConfirmsAreRead() throws {
        let yaml = "topics:\n  - id: t\n    match: truce\n    objects: [quota, corridor]\n    headline_confirms: yes\n"
        let topic = try #require(try parseConfig(yaml).topics.first)
        #expect(topic.objects == ["quota", "corridor"])
        #expect(topic.rules.headlineConfirms)
    }

    @Test func headlineConfirmsMustBeTrueOrFalse() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: t\n    match: truce\n    headline_confirms: maybe\n")
        }
        #expect(error.code == .wrongType)
        #expect(error.keyPath == "topics[0].headline_confirms")
    }

    @Test func surgeWindowTakesAListOfDurations() throws {
        let yaml = "topics:\n  - id: t\n    match: truce\n    surge_window: [24h, 1h]\n"
        let topic = try #require(try parseConfig(yaml).topics.first)
        #expect(topic.rules.surgeWindows == [3_600, 86_400])
    }

    @Test func anEmptyListOfSurgeWindowsIsAnErrorWithItsLocation() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: t\n    match: truce\n    surge_window: []\n")
        }
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "topics[0].surge_window")
    }

    @Test func absentRulesTakeTheirDefaults() throws {
        let topic = try #require(try parseConfig("topics:\n  - id: t\n    match: truce\n").topics.first)
        #expect(topic.rules == TopicChangeRules())
        #expect(topic.rules.minSources == 2)
        #expect(topic.rules.surgeWindows == [3_600, 21_600, 86_400])
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

@Suite("User-defined states")
struct UserDefinedStatesTests {
    static let yaml = """
        topics:
          - id: launch
            match: rocket AND launch
            states:
              - name: launched
                cues: [launched, lifted off, went live]
              - name: delayed
                cues: [delayed, postponed, scrubbed]
              - name: preparing
                cues: [countdown, fuelling]
                generic: true
        """

    @Test func statesAreReadInPriorityOrder() throws {
        let topic = try #require(try parseConfig(Self.yaml).topics.first)
        #expect(topic.states.map(\.name) == ["launched", "delayed", "preparing"])
        #expect(topic.states[1].cues == ["delayed", "postponed", "scrubbed"])
        #expect(topic.states.map(\.isGeneric) == [false, false, true])
    }

    @Test func theAnalyzerDetectsUserDefinedStatesWithNegation() throws {
        let topic = try #require(try parseConfig(Self.yaml).topics.first)
        let analyzer = try Analyzer(topics: [topic])
        func status(_ title: String) -> String? {
            analyzer.analyze(FeedItem(title: title), feed: CeasefireTimeline.harbor, firstSeen: AnalysisSamples.start)
                .matches["launch"]?.status
        }
        #expect(status("Rocket launch scrubbed over high winds") == "delayed")
        #expect(status("Countdown begins for the rocket launch") == "preparing")
        #expect(status("Rocket launch was not postponed, officials say") == nil)
    }

    @Test func statusAndStatesTogetherAreAnError() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "    states:", with: "    status: negotiation\n    states:")
        let error = try #require(throws: ConfigError.self) { try parseConfig(yaml) }
        #expect(error.keyPath == "topics[0].states")
        #expect(error.description.contains("either a status preset or its own states"))
    }

    @Test func aStateNamedTwiceIsAnError() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "name: preparing", with: "name: delayed")
        let error = try #require(throws: ConfigError.self) { try parseConfig(yaml) }
        #expect(error.code == .duplicate)
        #expect(error.line == 9)
    }
}

@Suite("Parsing a topic's aliases in both shapes")
struct TopicAliasesParsingTests {
    @Test func anAliasMayNameItsCanonicalEntity() throws {
        let yaml = """
            topics:
              - id: t
                match: truce
                aliases: { "Islamic Resistance Movement": Hamas, "IDF": "Israel Defense Forces" }
            """
        let topic = try #require(try parseConfig(yaml).topics.first)
        #expect(topic.aliases == ["Islamic Resistance Movement": "Hamas", "IDF": "Israel Defense Forces"])
    }

    @Test func bothShapesMixInOneTopic() throws {
        let yaml = """
            topics:
              - id: t
                match: truce
                aliases:
                  Israel Defense Forces: [IDF, Israeli army]
                  Islamic Resistance Movement: Hamas
            """
        let topic = try #require(try parseConfig(yaml).topics.first)
        #expect(
            topic.aliases == [
                "IDF": "Israel Defense Forces", "Israeli army": "Israel Defense Forces",
                "Islamic Resistance Movement": "Hamas",
            ]
        )
    }

    @Test func anAliasGivenTwoCanonicalNamesIsAnErrorAtItsLine() throws {
        let yaml = "topics:\n  - id: t\n    match: truce\n    aliases:\n      Hamas: [IRM]\n      IRM: Fatah\n"
        let error = try #require(throws: ConfigError.self) { try parseConfig(yaml) }
        #expect(error.code == .duplicate)
        #expect(error.line == 6)
        #expect(error.message.contains("'IRM' is already an alias of 'Hamas'"))
    }

    @Test func anAliasValueThatIsAMappingIsAnErrorAtItsLine() throws {
        let yaml = "topics:\n  - id: t\n    match: truce\n    aliases:\n      IDF:\n        name: army\n"
        let error = try #require(throws: ConfigError.self) { try parseConfig(yaml) }
        #expect(error.code == .wrongType)
        #expect(error.line == 6)
        #expect(error.keyPath == "topics[0].aliases.IDF")
    }
}
