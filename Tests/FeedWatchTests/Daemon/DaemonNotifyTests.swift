import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchDaemon
@testable import FeedWatchObservability

@Suite("The daemon under systemd's notify protocol")
struct DaemonNotifyTests {
    @Test func tellsSystemdReadyThenWatchdogThenStoppingInOrder() async throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: StoryFeeds.wire)
            let configuration = FeedWatchConfiguration(
                database: directory.path + "/feedwatch.sqlite",
                feeds: [FeedConfiguration(url: server.url("/wire.xml"))],
                sinks: []
            )
            let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])
            let app = try await FeedWatchApplication(
                configuration: configuration,
                logger: Logger(label: "test"),
                notifier: notifier
            )
            let group = ServiceGroup(
                configuration: .init(services: app.services.map { .init(service: $0) }, logger: Logger(label: "t"))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let first = await socket.next()
                #expect(first?.hasPrefix("READY=1\nSTATUS=1 feeds, 0 failing, 0 alerts pending") == true)
                let pings = await socket.next { $0.hasPrefix("WATCHDOG=1") }
                #expect(pings.last?.hasPrefix("WATCHDOG=1\nSTATUS=1 feeds") == true)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let rest = await socket.next { $0 == "STOPPING=1" }
            #expect(rest.last == "STOPPING=1")
        }
    }
}
