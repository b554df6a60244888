import Foundation

/// Writes deterministic benchmark feeds: the same seed gives the same bytes on every machine.
enum FeedGenerator {
    /// Items per feed.
    static let itemCount = 5_000

    /// Writes `rss2.xml` and `atom.xml` into a directory, creating it when needed.
    ///
    /// - Parameter directory: The output directory.
    /// - Throws: A file-system error.
    static func write(into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var random = SplitMix(seed: 0x5EED_F00D)
        try Data(rss(&random).utf8).write(to: directory.appendingPathComponent("rss2.xml"))
        random = SplitMix(seed: 0xA70_5EED)
        try Data(atom(&random).utf8).write(to: directory.appendingPathComponent("atom.xml"))
    }

    private static let words = [
        "harbor", "council", "ceasefire", "talks", "budget", "river", "transit", "election", "storm", "market",
        "school", "hospital", "bridge", "festival", "court", "ruling", "strike", "union", "farmers", "energy",
        "prices", "minister", "delegation", "proposal", "rejected", "agreed", "weekend", "regional", "officials",
        "residents", "the", "a", "of", "and", "in", "on", "after", "before", "with", "from", "said", "will",
    ]

    private static func sentence(_ random: inout SplitMix, words count: Int) -> String {
        (0..<count).map { _ in words[random.next(below: words.count)] }.joined(separator: " ")
    }

    /// An HTML description of 1–3 KB: paragraphs with links, emphasis, an image and entities.
    private static func html(_ random: inout SplitMix) -> String {
        let target = 1_250 + random.next(below: 1_750)
        var html = ""
        while html.utf8.count < target {
            let kind = random.next(below: 4)
            let text = sentence(&random, words: 12 + random.next(below: 20))
            switch kind {
            case 0: html += "<p>\(text) <a href=\"/story/\(random.next(below: 100_000))\">more</a></p>"
            case 1: html += "<p><b>\(text)</b> &amp; <em>\(sentence(&random, words: 4))</em>&nbsp;&#8212;</p>"
            case 2:
                html +=
                    "<p>\(text)<br/><img src=\"https://img.example/\(random.next(below: 9_999)).jpg\" alt=\"x\"/></p>"
            default: html += "<ul><li>\(text)</li><li>\(sentence(&random, words: 6))</li></ul>"
            }
        }
        return html
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func rss(_ random: inout SplitMix) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
            <title>Benchmark Wire</title><link>https://bench.example/</link><description>Generated</description>

            """
        for index in 0..<itemCount {
            let day = 1 + random.next(below: 28)
            let date =
                "\(days[random.next(below: 7)]), \(day) \(months[random.next(below: 12)]) 2025 "
                + String(
                    format: "%02d:%02d:%02d +0000",
                    random.next(below: 24),
                    random.next(below: 60),
                    random.next(below: 60)
                )
            out += """
                <item><title>\(sentence(&random, words: 8))</title><link>https://bench.example/story/\(index)</link>
                <guid isPermaLink="false">bench-\(index)</guid><pubDate>\(date)</pubDate>
                <dc:creator>\(sentence(&random, words: 2))</dc:creator>
                <category>\(words[random.next(below: words.count)])</category>
                <description>\(escaped(html(&random)))</description></item>

                """
        }
        return out + "</channel></rss>\n"
    }

    private static func atom(_ random: inout SplitMix) -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Benchmark Atom</title><id>urn:bench:atom</id>
            <updated>2025-12-31T23:59:59Z</updated><link href="https://bench.example/"/>

            """
        for index in 0..<itemCount {
            let stamp = String(
                format: "2025-%02d-%02dT%02d:%02d:%02dZ",
                1 + random.next(below: 12),
                1 + random.next(below: 28),
                random.next(below: 24),
                random.next(below: 60),
                random.next(below: 60)
            )
            out += """
                <entry><title>\(sentence(&random, words: 8))</title><id>urn:bench:\(index)</id>
                <link rel="alternate" href="https://bench.example/story/\(index)"/><updated>\(stamp)</updated>
                <author><name>\(sentence(&random, words: 2))</name></author>
                <summary type="html">\(escaped(html(&random)))</summary></entry>

                """
        }
        return out + "</feed>\n"
    }
}

/// SplitMix64: a tiny deterministic generator, so the feeds are identical on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}
