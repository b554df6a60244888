import Foundation
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore

@Suite("ExecSink: a command per alert, the alert JSON on its standard input")
struct ExecSinkTests {
    private let alert = Sample.alert(id: "exec-1")

    private func script(_ body: String, in directory: TemporaryDirectory) throws -> String {
        let path = try directory.write("#!/bin/sh\n" + body + "\n", to: "hook.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func commandReceivesTheAlertOnStandardInputAndInItsEnvironment() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.path + "/received.json"
        let command = try script(
            "cat > \"$1\"; echo \"$FEEDWATCH_ALERT_ID $FEEDWATCH_KIND\" > \"$1.env\"",
            in: directory
        )
        let sink = try ExecSink(configuration: .init(command: [command, output]))
        #expect(await sink.deliver(alert) == .delivered)
        #expect(
            try AlertPayload.decode(Data(contentsOf: URL(fileURLWithPath: output)))
                == AlertPayload.decode(AlertPayload.json(alert))
        )
        #expect(try String(contentsOfFile: output + ".env", encoding: .utf8) == "exec-1 new_story\n")
    }

    @Test func theCommandGetsAMinimalEnvironmentWithoutTheDaemonsSecrets() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.path + "/env.txt"
        let command = try script("env > \"$1\"", in: directory)
        let daemon = [
            "PATH": "/usr/bin:/bin", "HOME": "/var/lib/feedwatch", "CREDENTIALS_DIRECTORY": "/run/credentials/x",
            "FEEDWATCH_DB_PASSWORD": "hunter2", "LANG": "C.UTF-8",
        ]
        let sink = try ExecSink(configuration: .init(command: [command, output]), environment: daemon)
        #expect(await sink.deliver(alert) == .delivered)
        let seen = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(seen.contains("PATH=/usr/bin:/bin"))
        #expect(seen.contains("LANG=C.UTF-8"))
        #expect(seen.contains("FEEDWATCH_ALERT_ID=exec-1"))
        #expect(!seen.contains { $0.hasPrefix("CREDENTIALS_DIRECTORY=") || $0.contains("hunter2") })
    }

    @Test func theAlertsFileIsReadableByTheDaemonsUserOnly() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.path + "/mode.txt"
        let command = try script("stat -L -c %a /proc/self/fd/0 > \"$1\"", in: directory)
        #expect(await (try ExecSink(configuration: .init(command: [command, output]))).deliver(alert) == .delivered)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "600\n")
    }

    @Test func aCommandWritingMuchToStandardErrorDoesNotStall() async throws {
        let directory = try TemporaryDirectory()
        // A megabyte of warnings, far more than a pipe holds, then success.
        let command = try script("head -c 1000000 /dev/zero | tr '\\0' w >&2; exit 0", in: directory)
        let sink = try ExecSink(configuration: .init(command: [command], timeout: 10))
        #expect(await sink.deliver(alert) == .delivered)
    }

    @Test func nonZeroExitIsRetriedWithTheCommandsOwnWords() async throws {
        let directory = try TemporaryDirectory()
        let command = try script("echo 'chat service is down' >&2; exit 3", in: directory)
        let outcome = await (try ExecSink(configuration: .init(command: [command]))).deliver(alert)
        guard case .retry(let reason, _) = outcome else {
            Issue.record("a failing command must be retried, got \(outcome)")
            return
        }
        #expect(reason.contains("exited with status 3"))
        #expect(reason.contains("chat service is down"))
    }

    @Test func commandRunningPastItsTimeoutIsStoppedAndRetried() async throws {
        let directory = try TemporaryDirectory()
        let command = try script("sleep 30", in: directory)
        let started = ContinuousClock.now
        let outcome = await (try ExecSink(configuration: .init(command: [command], timeout: 0.5))).deliver(alert)
        #expect(ContinuousClock.now - started < .seconds(10))
        guard case .retry(let reason, _) = outcome else {
            Issue.record("a stalled command must be retried, got \(outcome)")
            return
        }
        #expect(reason.contains("was stopped"))
    }

    @Test func missingProgramIsASetupError() throws {
        let error = #expect(throws: AlertError.self) {
            try ExecSink(configuration: .init(name: "notify", command: ["feedwatch-no-such-program"]))
        }
        #expect(error?.code == .commandNotFound)
        #expect(error?.description.contains("feedwatch-no-such-program") == true)
    }

    @Test func programsAreFoundInPath() throws {
        #expect(throws: Never.self) { try ExecSink(configuration: .init(command: ["true"])) }
    }

    @Test func execSinkIsConfiguredWithCommandAndTimeout() throws {
        let configuration = try parseConfig(
            "sinks:\n  - type: exec\n    command: [bin/notify.sh, --quiet]\n    timeout: 5s\n"
        )
        #expect(
            configuration.sinks == [.exec(.init(command: ["/srv/feedwatch/bin/notify.sh", "--quiet"], timeout: 5))]
        )
    }
}
