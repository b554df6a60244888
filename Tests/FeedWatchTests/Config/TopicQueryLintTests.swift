import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig

/// Topic queries that parse but cannot mean what their author meant are refused when the configuration loads, with
/// the line and column and what to write instead.
@Suite("Topic query mistakes")
struct TopicQueryLintTests {
    private func error(match query: String) throws -> ConfigError {
        try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: talks\n    match: '\(query)'\n")
        }
    }

    @Test func anUnknownScopeSuggestsTheScopeItMeans() throws {
        let error = try error(match: "headline:ceasefire AND gaza")
        #expect(error.code == .invalidValue)
        #expect(
            error.description
                == "config.yml:3:12: topics[0].match: the match query has 'headline:ceasefire' at column 1, which is "
                + "not a scope; did you mean 'title:'? The scopes are title: and entity: (quote the text to search for "
                + "it as written)."
        )
    }

    @Test func aMisspeltScopeBeforeAGroupSuggestsTheClosestScope() throws {
        let error = try error(match: "gaza entiy:(hamas OR idf)")
        #expect(error.message.contains("'entiy:' at column 6, which is not a scope; did you mean 'entity:'?"))
    }

    @Test(arguments: [
        ("truce XOR ceasefire", "'XOR' at column 7, which is not an operator"),
        ("hamas NEAR5 reject*", "'NEAR5' at column 7, which is not an operator; write NEAR/5"),
        ("hamas NEAR-3 reject*", "'NEAR-3' at column 7, which is not an operator; write NEAR/3"),
    ])
    func anUpperCaseOperatorLookAlikeIsRefused(query: String, expected: String) throws {
        let error = try error(match: query)
        #expect(error.message.contains(expected), "\(error)")
    }

    @Test func anExcludeQueryIsCheckedToo() throws {
        let error = try #require(throws: ConfigError.self) {
            try parseConfig("topics:\n  - id: talks\n    match: talks\n    exclude: sport XOR football\n")
        }
        #expect(error.keyPath == "topics[0].exclude")
        #expect(error.message.hasPrefix("the exclude query has 'XOR' at column 7"))
    }

    @Test(arguments: [
        "\"headline:ceasefire\" OR \"XOR\"", "https://example.org", "talks at 10:30", "nato OR NATO", "xor", "NEARBY",
        "title:(truce OR ceasefire) entity:\"lena hartmann\"",
    ])
    func quotedTextUrlsTimesAndRealScopesPass(query: String) throws {
        #expect(throws: Never.self) { try parseConfig("topics:\n  - id: talks\n    match: '\(query)'\n") }
    }

    @Test func theLintKnowsExactlyTheScopesOfTheQueryLanguage() throws {
        for scope in TopicQueryLint.scopes {
            guard case .field = try TopicQuery("\(scope):word").root else {
                Issue.record("\(scope): is not a scope of the query language")
                continue
            }
        }
        // A scope the query language would read as one is never refused by the lint.
        for candidate in ["title", "entity", "headline", "source", "author", "feed", "link", "body", "text"] {
            let isScope = if case .field = try TopicQuery("\(candidate):word").root { true } else { false }
            #expect(isScope == TopicQueryLint.scopes.contains(candidate), "\(candidate):")
        }
    }
}
