import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("Per-topic entity aliases")
struct TopicAliasesTests {
    typealias T = CeasefireTimeline

    static let armyReport = T.item(
        "army",
        hours: 30,
        "IDF says the ceasefire line is quiet",
        "The Israeli army reported no shooting along the ceasefire line overnight, and the Islamic Resistance "
            + "Movement said its fighters were observing the truce."
    )

    static func topic(_ id: String, match: String, aliases: [String: String] = [:]) -> TopicConfiguration {
        TopicConfiguration(id: id, match: match, aliases: aliases)
    }

    @Test func aliasesMapMentionsToTheCanonicalEntityForTheirTopicOnly() throws {
        let analyzer = try Analyzer(topics: [
            Self.topic(
                "with",
                match: "ceasefire",
                aliases: ["IDF": "Israel Defense Forces", "Islamic Resistance Movement": "Hamas"]
            ),
            Self.topic("without", match: "ceasefire"),
        ])
        let analyzed = analyzer.analyze(Self.armyReport, feed: T.harbor, firstSeen: AnalysisSamples.at(hours: 31))
        #expect(analyzed.matches["with"]?.entities == ["Israel Defense Forces", "Israel", "Hamas"])
        #expect(analyzed.matches["without"]?.entities == nil)
        #expect(analyzed.entities == ["IDF", "Israel", "Islamic Resistance Movement"])
    }

    @Test func anAliasThatIsNoCapitalisedNameIsFoundAsAPhrase() throws {
        let analyzer = try Analyzer(topics: [
            Self.topic("army", match: "ceasefire", aliases: ["Israeli army": "Israel Defense Forces"])
        ])
        let analyzed = analyzer.analyze(Self.armyReport, feed: T.harbor, firstSeen: AnalysisSamples.at(hours: 31))
        #expect(analyzed.matches["army"]?.entities?.contains("Israel Defense Forces") == true)
    }

    @Test func anEntityScopeMatchesTheCanonicalNameWhenTheItemUsesAnAlias() throws {
        let query = "entity:\"israel defense forces\""
        let aliased = try Analyzer(topics: [Self.topic("idf", match: query, aliases: ["IDF": "Israel Defense Forces"])])
        let plain = try Analyzer(topics: [Self.topic("idf", match: query)])
        let firstSeen = AnalysisSamples.at(hours: 31)
        #expect(aliased.analyze(Self.armyReport, feed: T.harbor, firstSeen: firstSeen).matches["idf"] != nil)
        #expect(plain.analyze(Self.armyReport, feed: T.harbor, firstSeen: firstSeen).matches["idf"] == nil)
    }

    @Test func mentionsUnderAnAliasCountTowardsOneNewActor() throws {
        var topic = T.topic
        topic.aliases = ["UN Special Coordinator": "Lena Hartmann"]
        let stories = NewActorTests.plainStories.prefix(3).enumerated().map { index, pair in
            var (item, feed) = pair
            if index > 0 {
                item.summary = item.summary?.replacingOccurrences(
                    of: "Lena Hartmann",
                    with: "the UN Special Coordinator"
                )
            }
            return (item, feed)
        }
        let plain = try AnalysisRunner.run([(T.proposal, T.harbor)] + stories, topic: T.topic)
        let aliased = try AnalysisRunner.run([(T.proposal, T.harbor)] + stories, topic: topic)
        #expect(!plain.alerts.contains { $0.kind == .newActor })
        let actor = try #require(aliased.alerts.first { $0.kind == .newActor })
        #expect(actor.explanation?.entity == "Lena Hartmann")
        #expect(actor.explanation?.observed == 3)
    }
}
