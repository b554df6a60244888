import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon
@testable import FeedWatchFetch
@testable import FeedWatchObservability
@testable import FeedWatchStore

/// Long cycles: the watchdog is fed while one makes progress, and a cycle fetches at most
/// `poll.max_feeds_per_cycle` feeds, so a slow one is stored in parts.
@Suite("Long cycles: watchdog and cycle size")
struct LongCycleTests {
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func configuration(_ server: TestFeedServer, paths: [String], extra: String = "") throws
        -> FeedWatchConfiguration
    {
        let yaml = """
            database: state/feedwatch.sqlite
            poll:
              timeout: 10s
              startup_spread: 0
              host_gap: 0
            \(extra)
            feeds:
            \(paths.map { "  - url: \(server.url($0))" }.joined(separator: "\n"))
            """
        return try FeedWatchConfiguration.load(contentsOf: try directory.write(yaml, to: "config.yml"))
    }

    @Test func theWatchdogIsFedWhileALongCycleMakesProgress() async throws {
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        try await TestFeedServer.withServer { server in
            // Eight feeds answering after a second each, one at a time: a cycle of about eight seconds, against a
            // watchdog pinged every half second in which the cycle moved.
            let paths = (0..<8).map { "/slow-\($0).xml" }
            for path in paths {
                server.publish(path, text: FeedPipelinePollingTests.feed, delay: .seconds(1))
            }
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])
            let app = try await FeedWatchApplication(
                configuration: try configuration(server, paths: paths, extra: "  concurrency: 1"),
                logger: Logger(label: "test"),
                notifier: notifier
            )
            let group = ServiceGroup(
                configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(await socket.next(waitingUpTo: 30)?.hasPrefix("READY=1") == true)
                var pingsDuringCycle = 0
                // A feed not yet recorded as polled means the cycle is still running (polls are recorded as their
                // batches are stored, so the first ones land while the others still wait for answers). A quiet spell
                // (a slow answer on a busy machine) does not end the count, nor do other messages (STATUS=).
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline,
                    try await app.store.feeds().contains(where: { $0.lastPolledAt == nil })
                {
                    if let message = await socket.next(), message.hasPrefix("WATCHDOG=1") { pingsDuringCycle += 1 }
                }
                #expect(pingsDuringCycle >= 2, "\(pingsDuringCycle) watchdog pings while the cycle ran")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    @Test func aCycleFetchesAtMostMaxFeedsPerCycleAndTheNextCyclesTheRest() async throws {
        try await TestFeedServer.withServer { server in
            let paths = (0..<5).map { "/feed-\($0).xml" }
            for path in paths {
                server.publish(path, text: FeedPipelinePollingTests.feed)
            }
            let app = try await FeedWatchApplication(
                configuration: try configuration(server, paths: paths, extra: "  max_feeds_per_cycle: 2"),
                logger: Logger(label: "test"),
                random: .constant(0)
            )
            let now = Date()
            var polled: [Int] = []
            var deferred: [Int] = []
            for _ in 0..<3 {
                let report = try await app.pipeline.runCycle(now: now)
                polled.append(report.polled)
                deferred.append(report.deferred)
            }
            #expect(polled == [2, 2, 1])
            #expect(deferred == [3, 1, 0])
            #expect(paths.allSatisfy { server.requests(to: $0).count == 1 }, "each feed once")
            let stored = try await app.store.feeds()
            #expect(stored.allSatisfy { $0.lastPolledAt != nil }, "each part's polls are stored with it")
            #expect(try await app.pipeline.runCycle(now: now.addingTimeInterval(7200), force: true).polled == 5)
        }
    }

    @Test func maxFeedsPerCycleMustBePositive() throws {
        let yaml = "database: x.sqlite\npoll:\n  max_feeds_per_cycle: 0\n"
        #expect(throws: ConfigError.self) {
            try FeedWatchConfiguration.load(contentsOf: try directory.write(yaml, to: "bad.yml"))
        }
        #expect(PollConfiguration().maxFeedsPerCycle == 200)
    }
}
