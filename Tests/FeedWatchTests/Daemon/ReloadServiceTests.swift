import Foundation
import Logging
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchDaemon
@testable import FeedWatchObservability

@Suite("Reloading the configuration (SIGHUP)")
struct ReloadServiceTests {
    private func config(feeds: [String], topic: String = "ceasefire OR truce") -> String {
        """
        database: feedwatch.sqlite
        backfill: alert
        feeds:
        \(feeds.map { "  - url: \($0)" }.joined(separator: "\n"))
        topics:
          - id: ceasefire
            match: \(topic)
        sinks: []
        """
    }

    @Test func validConfigurationAddsAndRemovesFeedsWithoutARestart() async throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: StoryFeeds.wire)
            server.publish("/courier.rdf", text: StoryFeeds.courier)
            let file = try directory.write(config(feeds: [server.url("/wire.xml")]), to: "config.yml")
            let app = try await FeedWatchApplication(
                configuration: try FeedWatchConfiguration.load(contentsOf: file),
                logger: Logger(label: "test")
            )
            try await app.runOnce()
            try directory.write(config(feeds: [server.url("/courier.rdf")]), to: "config.yml")
            let reloader = ReloadService(
                path: file,
                pipeline: app.pipeline,
                notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]),
                logger: Logger(label: "test")
            )
            #expect(await reloader.reload())
            #expect(await app.pipeline.feedURLs == [server.url("/courier.rdf")])
            #expect(socket.receive()?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true)
            #expect(socket.receive() == "READY=1\nSTATUS=configuration reloaded")
            let wireRequests = server.requests(to: "/wire.xml").count
            let report = try await app.runOnce()
            #expect(report.polled == 1)
            #expect(server.requests(to: "/courier.rdf").count == 1)
            #expect(server.requests(to: "/wire.xml").count == wireRequests, "a removed feed is no longer polled")
        }
    }

    @Test func invalidConfigurationIsLoggedAndTheRunningOneStays() async throws {
        let directory = try TemporaryDirectory()
        try await TestFeedServer.withServer { server in
            server.publish("/wire.xml", text: StoryFeeds.wire)
            let file = try directory.write(config(feeds: [server.url("/wire.xml")]), to: "config.yml")
            let app = try await FeedWatchApplication(
                configuration: try FeedWatchConfiguration.load(contentsOf: file),
                logger: Logger(label: "test")
            )
            try await app.runOnce()
            try directory.write(config(feeds: [server.url("/other.xml")], topic: "(ceasefire"), to: "config.yml")
            let lines = LineRecorder()
            let logger = Logger(label: "test") { LogfmtLogHandler(label: $0, journal: false, write: lines.record) }
            let reloader = ReloadService(
                path: file,
                pipeline: app.pipeline,
                notifier: SystemdNotifier(environment: [:]),
                logger: logger
            )
            #expect(await !reloader.reload())
            #expect(await app.pipeline.feedURLs == [server.url("/wire.xml")])
            let error = try #require(lines.lines.first { $0.contains("level=error") })
            #expect(error.contains("configuration not reloaded"))
            #expect(error.contains("config.yml:7:"))
            #expect(error.contains("topic 'ceasefire'"))
            let report = try await app.runOnce()
            #expect(report.polled == 1)
            #expect(report.notModified == 1, "the running configuration keeps polling its feed")
        }
    }
}
