import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchStore

extension DaemonProcessTests {
    /// Three real `feedwatch run` processes share one PostgreSQL database and 2,000 feeds on five loopback hosts; one is
    /// killed in the middle of a cycle. The feed servers record every request (and which instance made it, by its
    /// User-Agent), the webhook receiver every delivery.
    @Suite("Several feedwatch processes on one PostgreSQL database")
    struct MultiInstanceTests {
        static let hosts = (1...5).map { "127.0.0.\($0)" }
        static let feedCount = 2000
        static let interval: TimeInterval = 30
        static let jitter = 0.1
        static let startupSpread: TimeInterval = 8
        static let hostConnections = 2
        /// The instance killed mid-cycle.
        static let victim = "instance-2"
        /// How long each feed response takes, so a transfer in flight can be seen from the server.
        static let responseDelay = Duration.milliseconds(20)

        private let directory: TemporaryDirectory

        init() throws {
            directory = try TemporaryDirectory()
        }

        private static func path(_ index: Int) -> String { "/feeds/\(index).xml" }

        /// Every feed's first items: an unrelated local story of its own, and for one feed in forty a report of the
        /// Doha talks, in one of three outlets' words (the same article text wherever the outlet is syndicated).
        private static func firstItems(_ index: Int) -> [FeedItem] {
            var items = [
                FeedItem(
                    id: "urn:local:\(index)",
                    title: "Council approves the budget for park \(index)",
                    link: "https://local.example/park/\(index)",
                    published: AnalysisSamples.at(hours: 1),
                    summary: "The council approved new benches, lights and paths for park number \(index)."
                )
            ]
            if index.isMultiple(of: 40) {
                let variants = [
                    StoryClusteringTests.dohaHarbor, StoryClusteringTests.dohaCourier, StoryClusteringTests.dohaLedger,
                ]
                items.append(variants[(index / 40) % variants.count])
            }
            return items
        }

        /// What one feed in forty adds later: the rejection, in two outlets' words.
        private static func laterItems(_ index: Int) -> [FeedItem] {
            guard index % 40 == 20 else { return [] }
            return [
                (index / 40).isMultiple(of: 2)
                    ? StoryClusteringTests.rejectionHarbor : StoryClusteringTests.rejectionCourier
            ]
        }

        private func configuration(
            feeds: [String],
            schema: String,
            receiver: String,
            instance: String
        ) throws -> String {
            let base = try #require(StoreBackend.postgresURL)
            let passwordFile = try directory.write(StoreBackend.postgresPassword ?? "", to: "password")
            let yaml = """
                database: \(base)\(base.contains("?") ? "&" : "?")schema=\(schema)
                database_password_file: \(passwordFile)
                backfill: alert
                poll:
                  interval: \(Int(Self.interval))s
                  min_interval: \(Int(Self.interval))s
                  max_interval: \(Int(Self.interval))s
                  timeout: 2s
                  claim_lease: 4s
                  host_gap: 0
                  host_connections: \(Self.hostConnections)
                  startup_spread: \(Int(Self.startupSpread))s
                  concurrency: 16
                  user_agent: "feedwatch-test/\(instance)"
                feeds:
                \(feeds.map { "  - url: \($0)" }.joined(separator: "\n"))
                topics:
                  - id: ceasefire
                    match: ceasefire OR truce
                    status: negotiation
                sinks:
                  - type: webhook
                    url: \(receiver)
                """
            return try directory.write(yaml, to: "\(instance).yml")
        }

        private func launch(_ instance: String, config: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(FeedParserMemoryTests.binary))
            process.arguments = ["run", "--config", config]
            var environment = ProcessInfo.processInfo.environment
            environment["NOTIFY_SOCKET"] = nil
            process.environment = environment
            let log = try directory.write("", to: "\(instance).log")
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            return process
        }

        /// Which instance made a request, from its User-Agent.
        private static func instance(of request: TestFeedServer.RecordedRequest) -> String {
            request.headers["user-agent"].map { String($0.split(separator: "/").last ?? "") } ?? ""
        }

        @Test(
            .enabled(if: StoreBackend.postgresTested, StoreBackend.skipMessage),
            .enabled(
                if: FeedParserMemoryTests.binary != nil,
                "the feedwatch executable was not built beside the tests"
            ),
            .timeLimit(.minutes(3))
        )
        func threeProcessesShareTheFeedsThroughAKillAndDeliverEveryAlertOnce() async throws {
            let location = try StoreBackend.postgresLocation()
            let schema = try #require(location.schema)
            try await TestFeedServer.withServers(on: Self.hosts) { servers in
                let urls = (0..<Self.feedCount).map { servers[$0 % servers.count].url(Self.path($0)) }
                for index in 0..<Self.feedCount {
                    servers[index % servers.count].publish(
                        Self.path(index),
                        text: RSSDocument.render(title: "Outlet \(index)", items: Self.firstItems(index)),
                        delay: Self.responseDelay
                    )
                }
                let receiver = servers[0].url("/hooks")
                let names = ["instance-1", Self.victim, "instance-3"]
                let started = ContinuousClock.now
                var processes: [String: Process] = [:]
                for name in names {
                    let config = try configuration(feeds: urls, schema: schema, receiver: receiver, instance: name)
                    processes[name] = try launch(name, config: config)
                }
                defer {
                    for process in processes.values where process.isRunning { process.terminate() }
                }
                let store = try await PostgresStore(location: location, password: StoreBackend.postgresPassword)
                defer { Task { try? await store.dropSchema() } }

                // Kill the victim in the middle of a cycle: after some of its polls, while a request it made is still
                // being answered (every response takes `responseDelay`), so feeds it claimed are left unrecorded.
                let requests = { servers.flatMap(\.requests).filter { $0.method == "GET" } }
                let victimAgent = "feedwatch-test/\(Self.victim)"
                while true {
                    if servers.contains(where: { $0.requestsInFlight(userAgent: victimAgent) > 0 }),
                        requests().count(where: { Self.instance(of: $0) == Self.victim }) >= 50,
                        servers.contains(where: { $0.requestsInFlight(userAgent: victimAgent) > 0 })
                    {
                        break
                    }
                    try #require(ContinuousClock.now - started < .seconds(60), "the victim never polled")
                    try await Task.sleep(for: .milliseconds(2))
                }
                let victimProcess = try #require(processes[Self.victim])
                kill(victimProcess.processIdentifier, SIGKILL)
                victimProcess.waitUntilExit()
                let killedAt = ContinuousClock.now

                // After the first round, one feed in forty reports the rejection.
                try await Task.sleep(until: started + .seconds(Self.startupSpread + 6), clock: .continuous)
                for index in 0..<Self.feedCount where !Self.laterItems(index).isEmpty {
                    servers[index % servers.count].publish(
                        Self.path(index),
                        text: RSSDocument.render(
                            title: "Outlet \(index)",
                            items: Self.firstItems(index) + Self.laterItems(index)
                        ),
                        delay: Self.responseDelay
                    )
                }

                // Wait for a second round of every feed, then for the outbox to drain.
                while Set(requests().map { "\($0.headers["host"] ?? "")\($0.path)" }).count < Self.feedCount
                    || Dictionary(grouping: requests(), by: { "\($0.headers["host"] ?? "")\($0.path)" }).values
                        .contains(where: { $0.count < 2 })
                {
                    try #require(ContinuousClock.now - started < .seconds(120), "a feed was not polled a second time")
                    try await Task.sleep(for: .milliseconds(250))
                }
                while try await store.pendingDeliveryCount() > 0 {
                    try #require(ContinuousClock.now - started < .seconds(150), "alerts were left undelivered")
                    try await Task.sleep(for: .milliseconds(250))
                }
                for process in processes.values where process.isRunning {
                    process.terminate()
                    process.waitUntilExit()
                }

                // Every feed polled on schedule, none early; per-host limits held across instances.
                let byFeed = Dictionary(grouping: requests(), by: { "\($0.headers["host"] ?? "")\($0.path)" })
                #expect(byFeed.count == Self.feedCount)
                var repolledAfterKill = 0
                for (feed, polls) in byFeed {
                    let times = polls.sorted { $0.receivedAt < $1.receivedAt }
                    let first = try #require(times.first)
                    // The slack covers three processes starting and connecting on a loaded 2-core machine (16.1 s
                    // seen with +8 under a load of 9); a feed the spread missed would wait a full 30 s interval.
                    #expect(
                        first.receivedAt - started < .seconds(Self.startupSpread + 14),
                        "\(feed) first polled within the start-up spread"
                    )
                    for (earlier, later) in zip(times, times.dropFirst()) {
                        let gap = later.receivedAt - earlier.receivedAt
                        if Self.instance(of: earlier) == Self.victim && earlier.receivedAt <= killedAt {
                            // The victim may have died before recording this poll: its lease lapses and the feed is
                            // polled again by another instance, soon rather than a whole interval later.
                            repolledAfterKill += gap < .seconds(Self.interval) ? 1 : 0
                            continue
                        }
                        #expect(gap >= .seconds(Self.interval - 1), "\(feed) polled again after \(gap)")
                        #expect(gap <= .seconds(Self.interval * (1 + Self.jitter) + 10), "\(feed) overdue: \(gap)")
                    }
                }
                for server in servers {
                    #expect(server.maxConcurrentRequests <= Self.hostConnections, "\(server.host) requests at once")
                }
                #expect(repolledAfterKill > 0, "the victim died holding claimed feeds, which others polled")
                let instances = Set(requests().map(Self.instance))
                #expect(instances == Set(names), "every instance polled")

                // Every alert raised once across the instances and received (by webhook-id) exactly once.
                let alerts = try await store.alerts(limit: 10_000)
                #expect(
                    alerts.count(where: { $0.kind == .newStory }) == 2,
                    "the talks and the rejection, one story each"
                )
                #expect(alerts.count(where: { $0.kind == .statusChange }) <= 1)
                let received = servers[0].webhooks.compactMap { $0.headers["webhook-id"] }
                #expect(Set(received) == Set(alerts.map(\.id)), "every stored alert arrived")
                #expect(
                    received.count - Set(received).count <= 1,
                    "at most the message in flight at the kill is resent"
                )
                print(
                    "multi-instance: \(requests().count) polls, \(repolledAfterKill) re-polled after the kill, "
                        + "\(alerts.count) alerts, \(received.count) webhook requests"
                )
            }
        }
    }
}
