import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import FeedWatchDaemon
import FeedWatchStore
import Foundation
import Logging

/// Measures feedwatch's poll cycle over many feeds served from a local HTTP server.
///
/// `PollBenchmark generate DIR COUNT` writes COUNT distinct RSS feeds of a few KB into DIR.
/// `PollBenchmark run BASE_PORT COUNT HOSTS DB_DIR [TOPICS]` polls `http://127.0.1.H:PORT/feeds/N.xml` (N spread
/// over HOSTS loopback addresses) twice through the real pipeline (fetch, parse, analyze, store): a full cycle, then
/// one where every feed answers 304. With TOPICS 0 no topic is configured (items are parsed, keyed and stored, not
/// matched); with 1 (the default) one topic matches many items. It prints one line per cycle: `cycle wall_s cpu_s
/// peak_rss_mb polled fetched not_modified failed new_items`.
/// `PollBenchmark store SOURCE_DB DEST_DB` stores the items of SOURCE_DB (a database a `run` wrote) again, into a fresh
/// DEST_DB through the store's ingest, in batches of 1,000 as the pipeline's, and prints `store wall_s cpu_s rows`:
/// the store stage alone, to compare with Python's sqlite3 inserting the same rows (Benchmarks/sqlite-floor.py).
@main
struct PollBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        switch arguments.dropFirst().first {
        case "generate" where arguments.count == 4:
            try generate(into: arguments[2], count: Int(arguments[3]) ?? 0)
        case "run" where arguments.count == 6 || arguments.count == 7:
            try await run(
                port: Int(arguments[2]) ?? 0,
                count: Int(arguments[3]) ?? 0,
                hosts: max(1, Int(arguments[4]) ?? 1),
                directory: arguments[5],
                topics: arguments.count == 7 ? Int(arguments[6]) ?? 1 : 1
            )
        case "store" where arguments.count == 4:
            try await storeAgain(from: arguments[2], into: arguments[3])
        default:
            FileHandle.standardError.write(
                Data(
                    "usage: PollBenchmark generate DIR COUNT | run PORT COUNT HOSTS DB_DIR [TOPICS] | store SRC DEST\n"
                        .utf8
                )
            )
            exit(2)
        }
    }

    /// The URL of feed `index` when feeds are spread over `hosts` loopback addresses.
    static func url(port: Int, index: Int, hosts: Int) -> String {
        "http://127.0.1.\(index % hosts + 1):\(port)/feeds/\(index).xml"
    }

    /// Writes `count` distinct RSS feeds of 8 dated items each as `DIR/N.xml`.
    static func generate(into directory: String, count: Int) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let words = [
            "ceasefire", "talks", "minister", "harbour", "election", "budget", "storm", "court", "market", "strike",
            "council", "festival", "railway", "bridge", "hospital", "school", "river", "energy", "grain", "summit",
        ]
        let start = 1_772_352_000
        for feed in 0..<count {
            var items = ""
            for item in 0..<8 {
                let seed = feed &* 31 &+ item &* 7
                let title = (0..<7).map { words[(seed &+ $0 &* 3) % words.count] }.joined(separator: " ")
                let body = (0..<40).map { words[(seed &+ $0 &* 5 &+ feed) % words.count] }.joined(separator: " ")
                let published = Date(timeIntervalSince1970: TimeInterval(start - item * 3600 - feed))
                items += """
                    <item><title>Feed \(feed) item \(item): \(title)</title>
                    <link>https://feed\(feed).example/items/\(item)</link><guid>feed-\(feed)-item-\(item)</guid>
                    <pubDate>\(rfc822(published))</pubDate><description>\(body)</description></item>

                    """
            }
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Benchmark feed \(feed)</title>
                <link>https://feed\(feed).example/</link><description>Feed number \(feed)</description>
                \(items)</channel></rss>

                """
            try Data(xml.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(feed).xml"))
        }
    }

    /// An RFC 822 date, as RSS `pubDate` carries it.
    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// Runs a full cycle and an all-304 cycle over the served feeds and prints one line per cycle.
    static func run(port: Int, count: Int, hosts: Int, directory: String, topics: Int) async throws {
        var poll = PollConfiguration()
        poll.concurrency = 64
        poll.hostConnections = 2
        poll.hostGap = 0
        poll.timeout = 60
        let configuration = FeedWatchConfiguration(
            database: directory + "/bench.sqlite",
            poll: poll,
            feeds: (0..<count).map { FeedConfiguration(url: url(port: port, index: $0, hosts: hosts)) },
            topics: topics > 0 ? [TopicConfiguration(id: "ceasefire", match: "ceasefire AND talks")] : [],
            sinks: [.log(LogSinkConfiguration())]
        )
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let app = try await FeedWatchApplication(configuration: configuration, logger: logger, logLine: { _ in })
        try await app.pipeline.prepare()
        for cycle in ["full", "304"] {
            let cpuBefore = cpuSeconds()
            let started = ContinuousClock.now
            let report = try await app.pipeline.runCycle(force: true)
            let wall = ContinuousClock.now - started
            let cpu = cpuSeconds() - cpuBefore
            let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            print(
                cycle,
                String(format: "%.3f", wallSeconds),
                String(format: "%.3f", cpu),
                String(format: "%.1f", peakRSSMegabytes()),
                report.polled,
                report.fetched,
                report.notModified,
                report.failed,
                report.newItems
            )
        }
    }

    /// Ingests the items of `source` again into a fresh database at `destination`, timed, as the pipeline would
    /// store them without topics: keyed by the analyzer, in batches of 1,000.
    static func storeAgain(from source: String, into destination: String) async throws {
        let from = try SQLiteStore(path: source)
        let stored = try await from.items(from: nil, to: nil).sorted { $0.firstSeen < $1.firstSeen }
        let feeds = try await from.feeds()
        let into = try SQLiteStore(path: destination)
        let synced = try await into.syncFeeds(
            feeds.map { FeedConfiguration(url: $0.configuredURL, name: $0.name) },
            now: Date()
        )
        let references = Dictionary(
            zip(feeds.map(\.id), synced.map(\.reference)),
            uniquingKeysWith: { first, _ in first }
        )
        let analyzer = try Analyzer(topics: [])
        let items = stored.compactMap { stored in
            references[stored.feed.id].map { analyzer.analyze(stored.item, feed: $0, firstSeen: stored.firstSeen) }
        }
        let cpuBefore = cpuSeconds()
        let started = ContinuousClock.now
        for start in stride(from: 0, to: items.count, by: 1000) {
            let batch = Array(items[start..<min(start + 1000, items.count)])
            try await into.ingest(batch)
        }
        let wall = ContinuousClock.now - started
        let cpu = cpuSeconds() - cpuBefore
        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        print("store", String(format: "%.3f", wallSeconds), String(format: "%.3f", cpu), try await into.itemCount())
    }

    /// User plus system CPU time of this process so far, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// This process's peak resident set size so far, in MB.
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
