import FeedWatchCore
import FeedWatchParse
import Foundation

/// Measures feedwatch's full parse (items, dates, HTML sanitized and reduced to text) on generated feeds.
///
/// `ParseBenchmark generate DIR` writes `rss2.xml` and `atom.xml` (5,000 items each, 1–3 KB HTML descriptions,
/// the same bytes on every run). `ParseBenchmark measure FILE [RUNS]` parses a file RUNS times (default 5) and
/// prints one JSON line with the best CPU time (and wall time), MB/s and items/s. `Benchmarks/parse.sh` drives both.
@main
struct ParseBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        switch (arguments.first, arguments.dropFirst().first) {
        case ("generate", let directory?):
            try FeedGenerator.write(into: URL(fileURLWithPath: directory))
        case ("measure", let file?):
            let runs = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 5
            try measure(URL(fileURLWithPath: file), runs: max(runs, 1))
        default:
            FileHandle.standardError.write(Data("usage: ParseBenchmark generate DIR | measure FILE [RUNS]\n".utf8))
            exit(2)
        }
    }

    private static func measure(_ file: URL, runs: Int) throws {
        let data = try Data(contentsOf: file)
        let parser = FeedParser(limits: ParseLimits(maxBytes: 64 * 1024 * 1024))
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        var bestCPU = Double.infinity
        var items = 0
        var textBytes = 0
        for _ in 0..<runs {
            let start = clock.now
            let cpuStart = processCPUSeconds()
            let feed = try parser.parse(data, url: "https://bench.example/feed")
            bestCPU = min(bestCPU, processCPUSeconds() - cpuStart)
            let elapsed = clock.now - start
            best = min(best, elapsed)
            items = feed.items.count
            textBytes = feed.items.reduce(0) { $0 + ($1.summary?.utf8.count ?? 0) }
        }
        let wall = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let megabytes = Double(data.count) / 1_000_000
        let line = String(
            format: #"{"file":"%@","bytes":%d,"items":%d,"text_bytes":%d,"wall_seconds":%.4f,"seconds":%.4f,"#
                + #""mb_per_s":%.1f,"items_per_s":%.0f}"#,
            file.lastPathComponent,
            data.count,
            items,
            textBytes,
            wall,
            bestCPU,
            megabytes / bestCPU,
            Double(items) / bestCPU
        )
        print(line)
    }

    /// The CPU time (user + system) this process has used, in seconds: unlike wall time, it does not grow when
    /// other jobs share the machine.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
