import Testing

@testable import FeedWatchAnalysis

@Suite("TopicQuery")
struct TopicQueryTests {
    @Test(arguments: [
        ("ceasefire AND hamas", "Hamas weighs ceasefire offer", true),
        ("ceasefire AND hamas", "Ceasefire offer weighed", false),
        ("ceasefire OR truce", "A truce is near", true),
        ("ceasefire OR truce", "Talks continue", false),
        ("ceasefire NOT ukraine", "Ceasefire talks in Cairo", true),
        ("ceasefire NOT ukraine", "Ukraine ceasefire talks", false),
        ("ceasefire hamas", "Hamas studies the ceasefire", true),
        ("ceasefire hamas", "Ceasefire in the north", false),
        ("(truce OR ceasefire) AND (gaza OR hamas)", "Gaza truce holds", true),
        ("(truce OR ceasefire) AND (gaza OR hamas)", "Truce in Sudan", false),
        ("truce OR ceasefire AND gaza", "A truce elsewhere", true),
        ("NOT truce OR gaza", "Gaza talks", true),
        ("NOT (truce OR gaza)", "Gaza talks", false),
        ("\"ceasefire talks\"", "Ceasefire talks resume", true),
        ("\"ceasefire talks\"", "Talks on a ceasefire resume", false),
        ("“ceasefire talks”", "The ceasefire talks resume", true),
        ("CEASEFIRE", "ceasefire", true),
        ("cafe", "Talks at a café in Doha", true),
        ("Sénégal", "Senegal mediates", true),
        ("war", "Talks in Warsaw", false),
        ("war", "The war goes on", true),
        ("not", "Israel did not agree", true),
        ("hamas and", "Hamas and Israel", true),
        ("al-Sisi", "President al-Sisi hosts envoys", true),
        ("al-Sisi", "Al Sisi hosts envoys", true),
        ("\"U.S.\" envoy", "The US envoy arrives", true),
        ("NOT NOT truce", "A truce", true),
    ])
    func matchesFollowsOperatorsPhrasesAndNormalization(query: String, text: String, expected: Bool) throws {
        let compiled = try TopicQuery(query)
        #expect(compiled.matches(TextNormalizer.tokens(text)) == expected)
    }

    @Test(arguments: [
        ("", 1),
        ("   ", 1),
        ("(ceasefire AND gaza", 1),
        ("truce AND (gaza OR", 17),
        ("truce)", 6),
        ("truce AND", 7),
        ("OR truce", 1),
        ("truce AND OR gaza", 11),
        ("truce NOT", 7),
        ("\"ceasefire talks", 1),
        ("truce \"\"", 7),
        ("truce ()", 7),
        ("truce & gaza", 7),
    ])
    func syntaxErrorsReportTheirColumn(query: String, column: Int) {
        #expect(throws: AnalysisError.self) { try TopicQuery(query) }
        do {
            _ = try TopicQuery(query)
        } catch {
            #expect(error.code == .invalidQuery)
            #expect(error.column == column)
        }
    }

    @Test func unclosedParenthesisMessageSaysWhatToDo() {
        do {
            _ = try TopicQuery("truce AND (gaza")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "the query has an unclosed parenthesis at column 11; add the missing ')'")
        }
    }

    @Test func deeplyNestedParenthesesAreRejectedWithoutCrashing() {
        let query = String(repeating: "(", count: 5_000) + "truce" + String(repeating: ")", count: 5_000)
        #expect(throws: AnalysisError.self) { try TopicQuery(query) }
    }

    @Test func descriptionShowsPrecedence() throws {
        let query = try TopicQuery("truce OR ceasefire gaza NOT ukraine")
        #expect(query.description == "(truce OR (ceasefire AND gaza AND NOT ukraine))")
    }
}
