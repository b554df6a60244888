import FeedWatchAnalysis
import FeedWatchConfig
import FeedWatchCore
import Foundation

// Analysis throughput and memory: 50 topics over synthetic news items of 1-3 KB, on one core.
//
//     swift run -c release AnalysisBenchmark [ITEMS]
//
// Items are generated deterministically (a fixed-seed generator), so runs are comparable.

/// A small deterministic random generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

let places = [
    "Gaza", "Cairo", "Doha", "Kyiv", "Geneva", "Khartoum", "Caracas", "Taipei", "Beirut", "Kabul", "Bogota", "Sanaa",
    "Tripoli", "Minsk", "Havana", "Manila", "Nairobi", "Lagos", "Dhaka", "Lima", "Quito", "Baku", "Yerevan", "Tbilisi",
    "Riyadh",
]
let subjects = ["ceasefire", "election", "strike", "flood", "budget", "tariff", "earthquake", "protest", "summit"]
let words = """
    officials said the talks would continue on monday while mediators reviewed a revised plan that would pause the
    fighting and release prisoners in stages the government rejected calls for an inquiry but promised aid to the
    families affected by the floods analysts warned that the agreement could collapse if either side violated its
    terms markets rose after the central bank held rates steady and investors welcomed the new budget figures
    """.split(whereSeparator: \.isWhitespace).map(String.init)

func makeTopics() -> [TopicConfiguration] {
    var topics: [TopicConfiguration] = []
    for index in 0..<50 {
        let place = places[index % places.count]
        let subject = subjects[index % subjects.count]
        topics.append(
            TopicConfiguration(
                id: "topic-\(index)",
                match: "\(subject) AND (\(place.lowercased()) OR \"\(place) talks\")",
                exclude: "football OR cricket",
                status: index % 2 == 0 ? "negotiation" : nil
            )
        )
    }
    return topics
}

func makeItem(_ number: Int, random: inout SplitMix64) -> FeedItem {
    let place = places[Int(random.next() % UInt64(places.count))]
    let subject = subjects[Int(random.next() % UInt64(subjects.count))]
    let target = 1_000 + Int(random.next() % 2_000)
    var text = "\(place) \(subject): "
    while text.utf8.count < target {
        text += words[Int(random.next() % UInt64(words.count))]
        text += random.next() % 12 == 0 ? ". " : " "
    }
    return FeedItem(
        id: "urn:bench:\(number)",
        title: "\(subject.capitalized) in \(place): update \(number)",
        link: "https://bench.example/\(number)",
        published: Date(timeIntervalSince1970: 1_750_000_000 + Double(number) * 30),
        summary: text
    )
}

/// The CPU time this thread has used, in seconds: on a machine shared with other jobs it is what the work cost,
/// while wall-clock time also counts the time the scheduler gave to others.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
        return 0
    }
    let fields = statm.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
}

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let analyzer = try Analyzer(topics: makeTopics())
let feeds = (1...20).map { FeedReference(id: Int64($0), url: "https://outlet\($0).example/rss", name: "Outlet \($0)") }
var random = SplitMix64(state: 42)
let items = (0..<count).map { makeItem($0, random: &random) }
let bytes = items.reduce(0) { $0 + ($1.summary?.utf8.count ?? 0) + ($1.title?.utf8.count ?? 0) }
let residentBefore = residentBytes()

var states: [String: TopicState] = [:]
var alerts = 0
var matched = 0
let clock = ContinuousClock()
let cpuBefore = threadCPUSeconds()
let elapsed = clock.measure {
    for (index, item) in items.enumerated() {
        let feed = feeds[index % feeds.count]
        let analyzed = analyzer.analyze(item, feed: feed, firstSeen: item.published ?? Date(timeIntervalSince1970: 0))
        matched += analyzed.matches.isEmpty ? 0 : 1
        for topic in analyzed.matches.keys.sorted() {
            alerts +=
                analyzer.detectChanges(
                    for: analyzed,
                    topic: topic,
                    state: &states[topic, default: TopicState(topicID: topic)],
                    raiseAlerts: true,
                    now: analyzed.firstSeen
                ).count
        }
    }
}
let cpuSeconds = threadCPUSeconds() - cpuBefore
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let analyzeOnly = clock.measure {
    for (index, item) in items.prefix(2_000).enumerated() {
        _ = analyzer.analyze(item, feed: feeds[index % feeds.count], firstSeen: Date(timeIntervalSince1970: 0))
    }
}
let analyzeSeconds = Double(analyzeOnly.components.seconds) + Double(analyzeOnly.components.attoseconds) / 1e18
// Without topics an item needs only its keys (the content hash of its normalised words, and the dedupe key): the
// per-item analysis cost of a poll cycle for a user who stores feeds without tracking topics.
let bare = try Analyzer(topics: [])
let keysCPUBefore = threadCPUSeconds()
var keyBytes = 0
for (index, item) in items.enumerated() {
    keyBytes &+=
        bare.analyze(item, feed: feeds[index % feeds.count], firstSeen: Date(timeIntervalSince1970: 0))
        .contentHash.utf8.count
}
let keysCPUSeconds = threadCPUSeconds() - keysCPUBefore
let residentAfter = residentBytes()
let encoder = JSONEncoder()
let stateBytes = try states.values.reduce(0) { $0 + (try encoder.encode($1)).count }

print("items: \(count) (\(bytes / count) bytes on average), topics: 50, matched items: \(matched), alerts: \(alerts)")
print(String(format: "throughput: %.0f items/s on one core (%.2f s)", Double(count) / seconds, seconds))
print(String(format: "throughput per CPU second: %.0f items/s (%.2f s of CPU)", Double(count) / cpuSeconds, cpuSeconds))
print(String(format: "analyze alone: %.0f items/s", Double(min(count, 2_000)) / analyzeSeconds))
print(
    String(
        format: "keys only (no topics): %.0f items/s per CPU second, %.0f MB/s of text (%.2f s of CPU)",
        Double(count) / keysCPUSeconds,
        Double(bytes) / keysCPUSeconds / 1e6,
        keysCPUSeconds
    )
)
print(
    String(
        format: "memory: resident growth %.1f MB while analysing %d items (bounded topic state); "
            + "persisted topic state %.1f KB in total",
        Double(max(0, residentAfter - residentBefore)) / 1_048_576,
        count,
        Double(stateBytes) / 1024
    )
)
