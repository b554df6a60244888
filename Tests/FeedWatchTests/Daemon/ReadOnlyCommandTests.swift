import Foundation
import Testing

/// Commands that only read: they never create a database, and a missing file gets a one-line error.
@Suite("Read-only commands on the real binary")
struct ReadOnlyCommandTests {
    @Test(
        .enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"),
        arguments: [["feeds", "list"], ["alerts", "list"], ["alerts", "show", "nope"], ["topics", "list"]]
    )
    func aReadOnlyCommandNeverCreatesADatabaseAndNamesTheMissingOne(command: [String]) throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("database: missing.sqlite\nfeeds: []\n", to: "config.yml")
        let outcome = try FeedWatchBinary.run(command + ["--config", config])
        #expect(outcome.status != 0)
        #expect(outcome.errors.contains("\(directory.path)/missing.sqlite"))
        #expect(outcome.errors.contains("never create one"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/missing.sqlite"))
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func analyzeOnAMissingFileSaysSoInOneLine() throws {
        let outcome = try FeedWatchBinary.run(["analyze", "/nonexistent/feed.xml"])
        #expect(outcome.status != 0)
        #expect(
            outcome.errors
                == "feedwatch: error: cannot read /nonexistent/feed.xml: there is no such file; check the path\n"
        )
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func replayOnAFolderSaysSoInOneLine() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("database: state.sqlite\nfeeds: []\n", to: "config.yml")
        let outcome = try FeedWatchBinary.run(["replay", "--config", config, directory.path])
        #expect(outcome.status != 0)
        #expect(outcome.errors.contains("it is a folder"))
        #expect(outcome.errors.split(separator: "\n").count == 1)
    }
}
