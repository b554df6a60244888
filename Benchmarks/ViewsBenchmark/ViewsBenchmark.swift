import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import FeedWatchObservability
import FeedWatchStore
import FeedWatchTransport
import FeedWatchViews
import Foundation
import Logging
import ServiceLifecycle

/// Measures the dashboard's topic page on a large store: `ViewsBenchmark ITEMS [DIR]` fills an SQLite store with
/// ITEMS synthetic items over 100 days from 12 outlets (about a tenth of them about the `ceasefire` topic, with
/// status reports), run through the analyzer and the store's batch ingest as the daemon stores them; then serves the
/// dashboard on 127.0.0.1 and times `GET /topics/ceasefire` through libcurl: the first request (which builds the
/// coverage index) and 50 more, against the floor of the same listener's `GET /healthz` (no store, no template).
/// It prints one line per measure: `name requests median_ms p95_ms max_ms`.
@main
struct ViewsBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, let count = Int(arguments[1]) else {
            FileHandle.standardError.write(Data("usage: ViewsBenchmark ITEMS [DIR]\n".utf8))
            exit(2)
        }
        let directory =
            arguments.count > 2
            ? arguments[2] : FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-viewsbench").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let topics = [
            TopicConfiguration(
                id: "ceasefire",
                name: "Gaza ceasefire talks",
                match: "(ceasefire OR truce OR hostages) AND (hamas OR israel OR gaza)",
                status: "negotiation"
            )
        ]
        let store = try SQLiteStore(path: directory + "/feedwatch.sqlite")
        let started = Date()
        try await fill(store, topics: topics, count: count)
        await print(
            String(format: "fill items %d seconds %.1f", try store.itemCount(), Date().timeIntervalSince(started))
        )

        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let logger = Logger(label: "bench")
        let metrics = FeedWatchMetrics()
        // /healthz answers 200 only after progress; the floor measures the same 200 path the pages take.
        metrics.recordProgress()
        let server = MetricsServer(
            configuration: MetricsConfiguration(host: "127.0.0.1", port: 0),
            metrics: metrics,
            healthWindow: 60,
            logger: logger,
            onListening: { continuation.yield($0) },
            pages: [Dashboard(views: try TopicViews(topics: topics, store: store), sinks: [], logger: logger)]
        )
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await value in ports {
                port = value
                break
            }
            let client = CurlTransport()
            let base = "http://127.0.0.1:\(port)"
            func time(_ path: String) async throws -> Double {
                let start = ContinuousClock.now
                let response = try await client.perform(CurlTransport.Request(url: base + path))
                guard response.status == 200 else { throw BenchmarkError("\(path) answered \(response.status)") }
                let elapsed = ContinuousClock.now - start
                return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1_000
            }
            report("topic_page_first", [try await time("/topics/ceasefire")])
            var topic: [Double] = []
            var health: [Double] = []
            var index: [Double] = []
            for _ in 0..<50 {
                metrics.recordProgress()
                topic.append(try await time("/topics/ceasefire"))
                health.append(try await time("/healthz"))
                index.append(try await time("/"))
            }
            report("topic_page", topic)
            report("index_page", index)
            report("healthz_floor", health)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func report(_ name: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2]
        let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
        print(String(format: "%@ %d %.2f %.2f %.2f", name, sorted.count, median, p95, sorted.last ?? 0))
    }

    /// Stores `count` items over 100 days, in event-time order, 1,000 a transaction.
    static func fill(_ store: SQLiteStore, topics: [TopicConfiguration], count: Int) async throws {
        let analyzer = try Analyzer(topics: topics)
        let outlets = (0..<12).map {
            FeedConfiguration(url: "https://outlet\($0).example/feed.xml", name: "Outlet \($0)")
        }
        let feeds = try await store.syncFeeds(outlets, now: Date(timeIntervalSince1970: 1_767_225_600))
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        let step = 100 * 86_400 / Double(max(count, 1))
        // Status reports are rare (one on-topic item in 400: about 25 changes over 100 days); the rest are the
        // coverage of talks in many places, which the analyzer clusters into stories.
        let statusHeadlines = [
            "Mediators propose a new truce plan for Gaza", "Israel rejects the truce proposal from Hamas",
            "Ceasefire talks on Gaza resume", "Hamas and Israel agree to a ceasefire in Gaza",
        ]
        let places = [
            "Cairo", "Doha", "Paris", "Geneva", "Amman", "Riyadh", "Ankara", "Oslo", "Rome", "Vienna", "Muscat",
            "Beirut", "Athens", "Nicosia", "Madrid", "Berlin", "London", "Brussels", "Istanbul", "Tunis",
        ]
        let subjects = [
            "Envoys meet in", "Hostage families rally in", "Aid convoy for Gaza leaves", "Protest over Gaza war in",
            "Diplomats brief reporters in", "Hamas delegation arrives in", "Israeli officials travel to",
        ]
        let otherHeadlines = [
            "Central bank holds rates steady", "Storm closes ports along the coast", "Football club wins the cup",
            "Parliament debates the budget", "Tech company reports record profits", "Rail strike ends after talks",
        ]
        var replica = TopicStateReplica()
        var batch: [AnalyzedItem] = []
        for index in 0..<count {
            let feed = feeds[index % feeds.count]
            let time = start.addingTimeInterval(Double(index) * step)
            let onTopic = index % 10 == 0
            let headline: String
            if !onTopic {
                headline = otherHeadlines[index % otherHeadlines.count]
            } else if index % 4_000 == 0 {
                headline = statusHeadlines[(index / 4_000) % statusHeadlines.count]
            } else {
                let subject = subjects[(index / 10) % subjects.count]
                headline = "\(subject) \(places[(index / 70) % places.count]) as Gaza truce talks go on"
            }
            let item = FeedItem(
                id: "item-\(index)",
                title: "\(headline) (\(index))",
                link: "https://outlet\(index % 12).example/\(index)",
                published: time,
                summary: "Report number \(index) from \(feed.name ?? "an outlet"): \(headline.lowercased()), "
                    + "officials said on the day, with more details expected later in the week."
            )
            batch.append(analyzer.analyze(item, feed: feed.reference, firstSeen: time))
            if batch.count == 1_000 || index == count - 1 {
                let items = batch
                let start = replica
                replica = try await store.ingest { transaction in
                    // The pipeline's unit of work: insert, learn the copies, analyse, enqueue, save the states.
                    var topics = start
                    try await transaction.refresh(&topics)
                    let inserted = try await transaction.insert(items)
                    var ledger = TopicStateLedger()
                    var alerts: [(alert: Alert, itemID: Int64?)] = []
                    for (item, stored) in zip(items, inserted) {
                        guard let stored else { continue }
                        var analyzed = item
                        analyzed.isCopy = stored.isCopy
                        let (changed, raised) = analyzer.apply(analyzed, to: &topics.states, raiseAlerts: true)
                        ledger.record(changed, at: item.firstSeen)
                        alerts += raised.map { ($0, stored.id) }
                    }
                    try await transaction.enqueue(alerts, sinks: ["log"])
                    try await transaction.save(ledger, into: &topics)
                    return topics
                }
                batch.removeAll(keepingCapacity: true)
            }
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
