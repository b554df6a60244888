import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import FeedWatchStore
import Foundation

/// Measures feedwatch on a shared PostgreSQL store: poll cycles split between several processes, and the store's
/// insert rate on each backend.
///
/// `InstancesBenchmark cycle PORT COUNT HOSTS INSTANCES FEEDWATCH WORK_DIR` starts INSTANCES `feedwatch run`
/// processes on one fresh schema of the database in `FEEDWATCH_TEST_POSTGRES_URL` (password in
/// `FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE`), configured with COUNT feeds at `http://127.0.1.H:PORT/feeds/N.xml`, and
/// waits until their logs report every feed polled. It prints `instances N startup_s cycle_s cpu_s polled`: the time
/// until every process had loaded its feeds, the time from then until every feed was polled, and the CPU time of
/// all processes together.
///
/// `InstancesBenchmark insert sqlite:PATH|postgres ITEMS` stores ITEMS new items of about 1 KB through the store's
/// batch ingest (1,000 items a transaction, no topics) and prints `insert BACKEND items seconds items_per_s`.
@main
struct InstancesBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        switch arguments.dropFirst().first {
        case "cycle" where arguments.count == 8:
            try await cycle(
                port: Int(arguments[2]) ?? 0,
                count: Int(arguments[3]) ?? 0,
                hosts: max(1, Int(arguments[4]) ?? 1),
                instances: max(1, Int(arguments[5]) ?? 1),
                feedwatch: arguments[6],
                directory: arguments[7]
            )
        case "insert" where arguments.count == 4:
            try await insert(backend: arguments[2], count: Int(arguments[3]) ?? 0)
        default:
            FileHandle.standardError.write(
                Data(
                    ("usage: InstancesBenchmark cycle PORT COUNT HOSTS INSTANCES FEEDWATCH WORK_DIR"
                        + " | insert sqlite:PATH|postgres ITEMS\n").utf8
                )
            )
            exit(2)
        }
    }

    /// The test server's URL and password file, as `Scripts/with-postgres.sh` exports them.
    static func postgres() throws -> (url: String, passwordFile: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["FEEDWATCH_TEST_POSTGRES_URL"],
            let passwordFile = environment["FEEDWATCH_TEST_POSTGRES_PASSWORD_FILE"]
        else {
            throw BenchmarkError("run through Scripts/with-postgres.sh, which starts a PostgreSQL server")
        }
        return (url, passwordFile)
    }

    /// A fresh schema's name.
    static func freshSchema() -> String {
        "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    static func cycle(
        port: Int,
        count: Int,
        hosts: Int,
        instances: Int,
        feedwatch: String,
        directory: String
    ) async throws {
        let (base, passwordFile) = try postgres()
        let database = base + (base.contains("?") ? "&" : "?") + "schema=" + freshSchema()
        let feeds = (0..<count).map { "  - url: http://127.0.1.\($0 % hosts + 1):\(port)/feeds/\($0).xml" }
        let config = """
            database: \(database)
            database_password_file: \(passwordFile)
            poll:
              interval: 1d
              startup_spread: 0
              host_gap: 0
              concurrency: 64
            feeds:
            \(feeds.joined(separator: "\n"))
            """
        let configPath = directory + "/instances.yml"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        // The schema is created once, before the clock starts, as it is when instances join a running database.
        let password = try String(contentsOfFile: passwordFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try await PostgresStore(location: try PostgresLocation(url: database), password: password).close()

        let started = ContinuousClock.now
        let children = try (0..<instances).map { index in
            try Child.spawn(feedwatch, ["run", "--config", configPath], log: directory + "/instance-\(index).log")
        }
        var ready: ContinuousClock.Instant?
        var polled = 0
        while polled < count {
            try await Task.sleep(for: .milliseconds(20))
            guard ContinuousClock.now - started < .seconds(600) else { throw BenchmarkError("the cycle took 10 min") }
            let logs = children.map { (try? String(contentsOfFile: $0.log, encoding: .utf8)) ?? "" }
            if ready == nil, logs.allSatisfy({ $0.contains("poll loop started") }) { ready = .now }
            polled = logs.map(Self.polledFeeds).reduce(0, +)
        }
        let done = ContinuousClock.now
        let cpu = children.map { $0.stop() }.reduce(0, +)
        let startup = (ready ?? done) - started
        let cycle = done - (ready ?? started)
        print("instances \(instances) \(seconds(startup)) \(seconds(cycle)) \(String(format: "%.2f", cpu)) \(polled)")
    }

    /// The feeds a `feedwatch run` log reports polled so far, from its "poll cycle done" lines.
    static func polledFeeds(_ log: String) -> Int {
        log.split(separator: "\n").filter { $0.contains("poll cycle done") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("polled=") }.flatMap { Int($0.dropFirst(7)) }
        }.reduce(0, +)
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        return String(format: "%.2f", Double(whole) + Double(attoseconds) / 1e18)
    }

    static func insert(backend: String, count: Int) async throws {
        let store: any Store
        if backend.hasPrefix("sqlite:") {
            store = try SQLiteStore(path: String(backend.dropFirst("sqlite:".count)))
        } else {
            let (base, passwordFile) = try postgres()
            let database = base + (base.contains("?") ? "&" : "?") + "schema=" + freshSchema()
            let password = try String(contentsOfFile: passwordFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            store = try await PostgresStore(location: try PostgresLocation(url: database), password: password)
        }
        let record = try await store.syncFeeds([FeedConfiguration(url: "https://bench.example/feed.xml")], now: Date())[
            0
        ]
        let analyzer = try Analyzer(topics: [])
        let now = Date()
        let filler = String(repeating: "The council met again to discuss the budget for the coming year. ", count: 16)
        let items = (0..<count).map { index in
            analyzer.analyze(
                FeedItem(
                    id: "urn:bench:\(index)",
                    title: "Item \(index) of the insert benchmark",
                    link: "https://bench.example/items/\(index)",
                    published: now.addingTimeInterval(Double(index)),
                    summary: "Item \(index). " + filler
                ),
                feed: record.reference,
                firstSeen: now
            )
        }
        let started = ContinuousClock.now
        for start in stride(from: 0, to: items.count, by: 1000) {
            let batch = Array(items[start..<min(start + 1000, items.count)])
            try await store.ingest(batch)
        }
        let elapsed = ContinuousClock.now - started
        let name = backend.hasPrefix("sqlite:") ? "sqlite" : "postgres"
        let rate = Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print("insert \(name) \(count) \(seconds(elapsed)) \(Int(rate))")
    }
}

/// A `feedwatch run` child process, its output in a log file.
struct Child {
    let pid: pid_t
    let log: String

    static func spawn(_ executable: String, _ words: [String], log: String) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments: [UnsafeMutablePointer<CChar>?] = ([executable] + words).map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, arguments, environ) == 0 else {
            throw BenchmarkError("could not start \(executable)")
        }
        return Child(pid: pid, log: log)
    }

    /// Stops the process (SIGTERM) and returns the CPU seconds it used.
    func stop() -> Double {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Why a benchmark run stopped.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
