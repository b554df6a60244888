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
