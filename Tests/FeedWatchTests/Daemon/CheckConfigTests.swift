import Foundation
import Testing

/// `feedwatch check-config` on the real binary finds what would only fail later: a missing feed file, a secret it
/// could not read, a query that cannot mean what it says.
@Suite("check-config on the real binary")
struct CheckConfigTests {
    static let enabled = FeedWatchBinary.path != nil

    @Test(.enabled(if: enabled, "the feedwatch executable was not built beside the tests"))
    func aFileFeedThatDoesNotExistIsAnError() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("feeds:\n  - https://example.org/a.xml\n  - feeds/missing.xml\n", to: "c.yml")
        let outcome = try FeedWatchBinary.run(["check-config", config])
        #expect(outcome.status == 1)
        #expect(
            outcome.errors
                == "feedwatch: error: \(config): feeds[1].url: there is no feed file at \(directory.path)/feeds/"
                + "missing.xml; create it or fix the path (relative paths start from the configuration file's "
                + "folder).\n"
        )
    }

    @Test(.enabled(if: enabled, "the feedwatch executable was not built beside the tests"))
    func anUnknownScopeIsAnErrorWithASuggestion() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("topics:\n  - id: talks\n    match: headline:ceasefire\n", to: "c.yml")
        let outcome = try FeedWatchBinary.run(["check-config", config])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(config):3:12: topics[0].match: the match query has 'headline:ceasefire'"))
        #expect(outcome.errors.contains("did you mean 'title:'?"))
    }

    @Test(
        .enabled(if: enabled, "the feedwatch executable was not built beside the tests"),
        arguments: ["truce XOR ceasefire", "hamas NEAR5 reject*", "hamas NEAR/x reject*"]
    )
    func anOperatorLookAlikeIsAnError(query: String) throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("topics:\n  - id: talks\n    match: \(query)\n", to: "c.yml")
        let outcome = try FeedWatchBinary.run(["check-config", config])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("at column 7"), "\(outcome.errors)")
    }

    @Test(
        .enabled(if: enabled, "the feedwatch executable was not built beside the tests"),
        arguments: [
            (
                "sinks:\n  - type: webhook\n    url: http://127.0.0.1:9/hooks\n    secret_file: secret\n",
                "cannot read the secret file DIR/secret: it is a folder, not a file"
            ),
            (
                "http:\n  listen: 127.0.0.1:0\n  password_file: secret\n",
                "cannot read the HTTP password from DIR/secret: it is a folder, not a file"
            ),
        ]
    )
    func aSecretThatIsAFolderSaysSo(yaml: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/secret", withIntermediateDirectories: true)
        let config = try directory.write(yaml, to: "c.yml")
        let outcome = try FeedWatchBinary.run(["check-config", config])
        #expect(outcome.status == 1)
        #expect(
            outcome.errors.contains(expected.replacingOccurrences(of: "DIR", with: directory.path)),
            "\(outcome.errors)"
        )
    }

    /// As root every file is readable, so the check runs as `nobody` there (through setpriv); otherwise the file is
    /// made unreadable to the user the tests run as.
    @Test(.enabled(if: enabled, "the feedwatch executable was not built beside the tests"))
    func aSecretFileThatExistsButCannotBeReadSaysSo() throws {
        let directory = try TemporaryDirectory()
        let secret = try directory.write("s3cret\n", to: "secret")
        let config = try directory.write(
            "sinks:\n  - type: webhook\n    url: http://127.0.0.1:9/hooks\n    secret_file: secret\n",
            to: "c.yml"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let binary = try #require(FeedWatchBinary.path)
        let outcome: FeedWatchBinary.Outcome
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
            outcome = try FeedWatchBinary.run(
                executable: "/usr/bin/setpriv",
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary, "check-config", config]
            )
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: secret)
            outcome = try FeedWatchBinary.run(["check-config", config])
        }
        #expect(outcome.status == 1)
        #expect(
            outcome.errors.contains("cannot read the secret file \(secret): it exists but cannot be read by the user"),
            "\(outcome.errors)"
        )
        #expect(outcome.errors.contains("Permission denied"))
        #expect(!outcome.errors.contains("s3cret"))
    }
}
