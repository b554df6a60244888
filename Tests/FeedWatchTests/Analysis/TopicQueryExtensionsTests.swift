import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("TopicQuery: NEAR, prefixes and field scopes")
struct TopicQueryExtensionsTests {
    private func matches(_ query: String, title: String, body: String = "", entities: [String] = []) throws -> Bool {
        let titleTokens = TextNormalizer.tokens(title)
        let document = TopicQuery.Document(
            titleTokens + TextNormalizer.tokens(body),
            title: titleTokens,
            entities: entities
        )
        return try TopicQuery(query).matches(document)
    }

    @Test(arguments: [
        ("negotiat*", "Negotiators meet in Doha", true),
        ("negotiat*", "Negotiations resume", true),
        ("negotiat*", "Talks resume", false),
        ("negotiat* AND gaza", "Gaza negotiating round", true),
        ("truce*", "A truce holds", true),
    ])
    func prefixMatchesAnyTokenThatStartsWithIt(query: String, title: String, expected: Bool) throws {
        #expect(try matches(query, title: title) == expected)
    }

    @Test(arguments: [
        ("hamas NEAR/3 reject*", "Hamas swiftly rejects the plan", true),
        ("hamas NEAR/3 reject*", "The plan was rejected by Hamas", true),
        ("hamas NEAR/3 reject*", "Hamas said on Monday evening that Israel rejected the plan", false),
        ("\"truce plan\" NEAR/2 cairo", "Cairo truce plan", true),
        ("ceasefire NEAR/1 talks", "ceasefire talks", true),
        ("ceasefire NEAR/1 talks", "ceasefire in the talks", false),
    ])
    func nearMatchesWithinTheDistanceInEitherOrder(query: String, title: String, expected: Bool) throws {
        #expect(try matches(query, title: title) == expected)
    }

    @Test func titleScopeLooksAtTheHeadlineOnly() throws {
        #expect(try matches("title:ceasefire", title: "Ceasefire holds", body: "Quiet night"))
        #expect(try !matches("title:ceasefire", title: "Quiet night", body: "The ceasefire holds"))
        #expect(try matches("title:(truce OR ceasefire) AND gaza", title: "Truce holds", body: "in Gaza"))
        #expect(try matches("title:\"truce holds\"", title: "Truce holds in Gaza"))
    }

    @Test func entityScopeLooksAtEntityNamesWithoutCrossingThem() throws {
        let entities = ["Lena Hartmann", "Qatar"]
        #expect(try matches("entity:\"lena hartmann\"", title: "Envoy arrives", entities: entities))
        #expect(try matches("entity:hartmann", title: "Envoy arrives", entities: entities))
        #expect(try !matches("entity:\"hartmann qatar\"", title: "Envoy arrives", entities: entities))
        #expect(try !matches("entity:egypt", title: "Egypt hosts talks", entities: entities))
    }

    @Test func analyzerExtractsEntitiesForEntityScopedTopics() throws {
        let topic = TopicConfiguration(id: "envoy", match: "entity:\"lena hartmann\" AND truce")
        let analyzer = try Analyzer(topics: [topic])
        let item = FeedItem(title: "Envoy lands", summary: "Special Envoy Lena Hartmann brings a truce plan.")
        let analyzed = analyzer.analyze(item, feed: CeasefireTimeline.harbor, firstSeen: AnalysisSamples.start)
        #expect(analyzed.matches.keys.sorted() == ["envoy"])
        #expect(analyzed.entities == ["Lena Hartmann"])
    }

    @Test(arguments: [
        ("truce NEAR/0 gaza", "NEAR/n with a distance n from 1 to 100"),
        ("truce NEAR gaza", "NEAR/n with a distance n from 1 to 100"),
        ("(truce OR gaza) NEAR/3 plan", "NEAR compares two of those"),
        ("neg*ot*", "a prefix is one word followed by '*'"),
        ("title: AND truce", "with nothing to scope"),
    ])
    func malformedExtensionsAreErrorsThatSayWhatToWrite(query: String, message: String) {
        #expect {
            try TopicQuery(query)
        } throws: { error in
            (error as? AnalysisError)?.message.contains(message) == true
        }
    }

    @Test func descriptionRendersTheExtensions() throws {
        #expect(try TopicQuery("title:(negotiat* NEAR/4 doha)").description == "title:(negotiat* NEAR/4 doha)")
    }
}
