import Foundation
import Testing

@testable import FeedWatchStore

/// One daemon per SQLite file: a second `feedwatch run` on it refuses to start and names the first, while the
/// commands that only read keep working.
@Suite("One daemon per SQLite database")
struct InstanceLockTests {
    @Test func aHeldLockRefusesASecondHolderAndNamesItsPid() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path + "/state/feedwatch.sqlite"
        var first: SQLiteInstanceLock? = try SQLiteInstanceLock(database: database, pid: 4242)
        #expect(try String(contentsOfFile: database + ".lock", encoding: .utf8) == "4242\n")
        let refused = #expect(throws: StoreError.self) { try SQLiteInstanceLock(database: database, pid: 1) }
        #expect(refused?.code == .inUse)
        #expect(refused?.description.contains("another feedwatch (pid 4242) is running on it") == true)
        withExtendedLifetime(first) {}
        first = nil
        let second = try SQLiteInstanceLock(database: database, pid: 77)
        #expect(try String(contentsOfFile: second.path, encoding: .utf8) == "77\n")
    }

    @Test(.enabled(if: FeedWatchBinary.path != nil, "the feedwatch executable was not built beside the tests"))
    func aSecondDaemonOnTheSameSQLiteFileRefusesToStartAndNamesTheRunningOne() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("database: feedwatch.sqlite\nfeeds: []\n", to: "config.yml")
        let database = directory.path + "/feedwatch.sqlite"
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: try #require(FeedWatchBinary.path))
        daemon.arguments = ["run", "--config", config, "--log-level", "critical"]
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        defer {
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
            daemon.waitUntilExit()
        }
        let pid = daemon.processIdentifier
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOfFile: database + ".lock", encoding: .utf8)) != "\(pid)\n"
            || !FileManager.default.fileExists(atPath: database)
        {
            try #require(Date() < deadline && daemon.isRunning, "the first daemon never took the lock")
            try await Task.sleep(for: .milliseconds(50))
        }

        for command in [["run"], ["run", "--once"]] {
            let second = try await FeedWatchBinary.runAwaiting(command + ["--config", config])
            #expect(second.status == 1)
            #expect(
                second.errors
                    == "feedwatch: error: cannot start on \(database): another feedwatch (pid \(pid)) is running on "
                    + "it. One daemon at a time uses an SQLite database: stop the other one first (systemctl stop "
                    + "feedwatch), or point several instances at PostgreSQL instead.\n"
            )
        }
        for command in [["feeds", "list"], ["alerts", "list"], ["topics", "list"]] {
            let reader = try await FeedWatchBinary.runAwaiting(command + ["--config", config])
            #expect(reader.status == 0, "\(command): \(reader.errors)")
        }
        #expect(daemon.isRunning)

        kill(pid, SIGTERM)
        daemon.waitUntilExit()
        let next = try await FeedWatchBinary.runAwaiting([
            "run", "--once", "--config", config, "--log-level", "critical",
        ])
        #expect(next.status == 0, "the lock goes with the daemon: \(next.errors)")
    }
}
