import Foundation
import Testing

@testable import FeedWatchViews

/// `feedwatch topics list/show`, `query` and `alerts list` on the built binary, over the demo's store: plain
/// tab-separated text in a pipe, a header row on a terminal, and JSON with `--json`.
@Suite("feedwatch topics, query and alerts list: the command line")
struct ViewCommandsTests {
    static let built = FeedWatchBinary.path != nil
    static let missing: Comment = "the feedwatch executable was not built beside the tests"

    /// Runs the binary on a pseudo-terminal (`script`), as a person at a terminal runs it, without colours.
    static func runOnTerminal(_ arguments: [String]) throws -> FeedWatchBinary.Outcome {
        let command = ([try #require(FeedWatchBinary.path)] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try FeedWatchBinary.run(viaScript: "NO_COLOR=1 COLUMNS=200 " + command)
    }

    /// Each JSON line of an output as an object.
    static func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test(.enabled(if: built, missing))
    func topicsListPrintsOneTabSeparatedLinePerTopicInAPipe() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["topics", "list", "--config", demo.configPath])

        #expect(outcome.status == 0, "\(outcome.errors)")
        let lines = outcome.output.split(separator: "\n")
        #expect(lines.count == 1)
        let columns = try #require(lines.first).split(separator: "\t", omittingEmptySubsequences: false)
        #expect(columns.count == 7)
        #expect(columns[0] == "ceasefire")
        #expect(columns[1] == "negotiating")
        #expect(columns[2] == "2026-03-04T17:10:00Z")
        #expect(columns[6].contains("status_change"))
    }

    @Test(.enabled(if: built, missing))
    func topicsListShowsAHeaderRowOnATerminal() async throws {
        let demo = try await DemoInstallation()

        let outcome = try Self.runOnTerminal(["topics", "list", "--config", demo.configPath])

        let lines = outcome.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(lines.first?.hasPrefix("TOPIC") == true, "\(outcome.output)")
        #expect(lines.first?.contains("STATUS") == true)
        #expect(lines.dropFirst().first?.hasPrefix("ceasefire") == true)
    }

    @Test(.enabled(if: built, missing))
    func topicsListWithJSONPrintsOneObjectPerTopic() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["topics", "list", "--config", demo.configPath, "--json"])

        let topics = try Self.objects(outcome.output)
        #expect(topics.count == 1)
        #expect(topics.first?["id"] as? String == "ceasefire")
        #expect(topics.first?["status"] as? String == "negotiating")
        #expect(topics.first?["since"] as? String == "2026-03-04T17:10:00Z")
        #expect((topics.first?["coverage"] as? [Any])?.count == 30)
    }

    @Test(.enabled(if: built, missing))
    func topicsShowPrintsHistoryStoriesActorsAndCoverage() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["topics", "show", "ceasefire", "--config", demo.configPath])

        #expect(outcome.status == 0, "\(outcome.errors)")
        let text = outcome.output
        #expect(text.contains("status      negotiating since 2026-03-04T17:10:00Z"))
        #expect(text.contains("proposed → rejected"))
        #expect(text.contains("rejected → negotiating"))
        #expect(text.contains("rejected → negotiating  sources: Harbor Wire, Lakeside Ledger"))
        #expect(text.contains("Israel rejects the truce plan, calling its terms unworkable"))
        #expect(text.contains("outlets: Harbor Wire, Lakeside Ledger"))
        #expect(text.contains("1 item; first 2026-03-02T18:00:00Z; outlets: Northern Courier"))
        #expect(text.contains("Coverage per day"))
        #expect(text.contains("█"))
    }

    @Test(.enabled(if: built, missing))
    func topicsShowWithJSONPrintsTheTopicAsOneObject() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["topics", "show", "ceasefire", "--config", demo.configPath, "--json"])

        let topic = try #require(try Self.objects(outcome.output).first)
        let history = try #require(topic["history"] as? [[String: Any]])
        #expect(history.map { $0["to"] as? String } == ["rejected", "negotiating"])
        #expect(history.last?["sources"] as? [String] == ["Harbor Wire", "Lakeside Ledger"])
        let stories = try #require(topic["stories"] as? [[String: Any]])
        #expect(stories.count == 3)
        #expect(stories.contains { ($0["outlets"] as? [String]) == ["Harbor Wire", "Lakeside Ledger"] })
        #expect((topic["summary"] as? [String: Any])?["status"] as? String == "negotiating")
    }

    @Test(.enabled(if: built, missing))
    func topicsShowOfAnUnknownTopicNamesTheConfiguredOnes() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["topics", "show", "elections", "--config", demo.configPath])

        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("no topic has the id elections; the configured topics are: ceasefire"))
    }

    @Test(.enabled(if: built, missing))
    func queryPrintsTheMatchesNewestFirstWithTheWordsThatMatched() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["query", "truce AND israel", "--config", demo.configPath])

        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("Israel rejects the truce plan, calling its terms unworkable"))
        #expect(outcome.output.contains("matched: truce, israel"))
        #expect(!outcome.output.contains("football"))
        #expect(outcome.output.hasSuffix("\n1 match\n"))
    }

    @Test(.enabled(if: built, missing))
    func queryHighlightsTheMatchedWordsOnATerminal() async throws {
        let demo = try await DemoInstallation()

        let outcome = try Self.runOnTerminal(["query", "rejects", "--config", demo.configPath])

        #expect(outcome.output.contains("Israel [rejects] the truce plan"), "\(outcome.output)")
    }

    @Test(.enabled(if: built, missing))
    func queryWithJSONAndLimitPrintsTheNewestMatches() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run([
            "query", "ceasefire OR truce", "--config", demo.configPath, "--json", "--limit", "2",
            "--since", "2026-03-02",
        ])

        let matches = try Self.objects(outcome.output)
        #expect(matches.count == 2)
        #expect(matches.allSatisfy { ($0["at"] as? String ?? "") >= "2026-03-02" })
        #expect(matches.allSatisfy { !(($0["terms"] as? [String]) ?? []).isEmpty })
    }

    @Test(.enabled(if: built, missing))
    func aQueryWithASyntaxErrorSaysWhere() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run(["query", "(truce AND", "--config", demo.configPath])

        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("feedwatch: error:"))
        #expect(outcome.errors.contains("column"))
    }

    @Test(.enabled(if: built, missing))
    func alertsListFiltersByTopicKindAndTimeAndShowsSummaries() async throws {
        let demo = try await DemoInstallation()
        let config = ["--config", demo.configPath]

        let all = try FeedWatchBinary.run(["alerts", "list"] + config)
        let changes = try FeedWatchBinary.run(["alerts", "list", "--kind", "status_change"] + config)
        let late = try FeedWatchBinary.run(["alerts", "list", "--since", "2026-03-04"] + config)
        let other = try FeedWatchBinary.run(["alerts", "list", "--topic", "elections"] + config)

        #expect(all.status == 0, "\(all.errors)")
        #expect(all.output.split(separator: "\n").count == 6)
        let columns = try #require(changes.output.split(separator: "\n").first).split(separator: "\t")
        #expect(columns[1] == "status_change")
        #expect(columns[2] == "ceasefire")
        #expect(columns[5].hasPrefix("\"Gaza ceasefire talks\" moved from rejected to negotiating"))
        #expect(changes.output.split(separator: "\n").count == 2)
        #expect(late.output.split(separator: "\n").count == 2)
        #expect(other.output.isEmpty)
    }

    @Test(.enabled(if: built, missing))
    func alertsListShowsAHeaderRowOnATerminal() async throws {
        let demo = try await DemoInstallation()

        let outcome = try Self.runOnTerminal(["alerts", "list", "--config", demo.configPath])

        let first = outcome.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("ID"), "\(outcome.output)")
        #expect(first.contains("SUMMARY"))
    }

    @Test(.enabled(if: built, missing))
    func alertsListWithJSONPrintsEachAlertsPayload() async throws {
        let demo = try await DemoInstallation()

        let outcome = try FeedWatchBinary.run([
            "alerts", "list", "--config", demo.configPath, "--json", "--kind", "new_story",
        ])

        let alerts = try Self.objects(outcome.output)
        #expect(alerts.count == 4)
        #expect(alerts.allSatisfy { $0["kind"] as? String == "new_story" && $0["summary"] != nil })
    }
}
