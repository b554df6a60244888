import FeedWatchCore
import Foundation

/// Feed dates as the oldest and oddest feeds write them, on top of `FeedDate`'s RFC 822 and ISO 8601.
///
/// `FeedDate.parse` reads almost every date; what it refuses is rewritten here into a form it reads: asctime
/// (`Sun Jan  4 16:29:06 2004`), Perforce (`Fri, 2006/09/15 08:19:53 EDT`), the ISO 8601 shapes of two-digit years
/// and ordinal days (`031231`, `-0312`, `03335`), Google's three-digit month (`2003-012-31`), Greek and Hungarian
/// month names, and the Korean forms of OnBlog (`2004년 05월 28일 01:31:15`) and Nate (`2004-05-25 오후 11:23:17`),
/// which are in Korea's time. US zone names without a season (`ET`, `PT`) are read as standard time.
enum FeedDates {
    /// Parses a feed date.
    ///
    /// - Parameter text: The date as written.
    /// - Returns: The instant, or `nil` when the text is no date.
    static func parse(_ text: String) -> Date? {
        let zoned = withStandardZone(text)
        if let date = FeedDate.parse(zoned) {
            return date
        }
        return rewritten(zoned.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap(FeedDate.parse)
    }

    /// The US zone names without a season, as standard-time offsets.
    private static let seasonlessZones: [UInt8: String] = [
        UInt8(ascii: "A"): " -0400", UInt8(ascii: "E"): " -0500", UInt8(ascii: "C"): " -0600",
        UInt8(ascii: "M"): " -0700", UInt8(ascii: "P"): " -0800",
    ]

    /// The text with a zone `FeedDate` would read as UTC rewritten: ` ET` as ` -0500`, ` Etc/GMT` as ` GMT`. Looks at
    /// the last bytes only, as this runs for every date.
    private static func withStandardZone(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.count >= 4, let last = bytes.last, last == UInt8(ascii: "T") || last == UInt8(ascii: "C") else {
            return text
        }
        var reversed = bytes.reversed().makeIterator()
        _ = reversed.next()
        let second = reversed.next()
        let third = reversed.next()
        if last == UInt8(ascii: "T"), third == 0x20, let second, let offset = seasonlessZones[second] {
            return String(text.dropLast(3)) + offset
        }
        guard reversed.next() == UInt8(ascii: "/") else {
            return text
        }
        let tail = Array(bytes.suffix(8))
        if tail.count == 8, tail[0] == 0x20, tail[1...4].elementsEqual("Etc/".utf8) {
            return String(text.dropLast(8)) + " " + String(decoding: tail[5...], as: UTF8.self)
        }
        return text
    }

    /// The date rewritten into a shape `FeedDate` reads, or `nil` when no rule applies.
    private static func rewritten(_ text: String) -> String? {
        for rule in rules {
            if let match = rule.pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                let groups = (1..<match.numberOfRanges).map { index -> String in
                    Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
                }
                if let result = rule.rewrite(groups) {
                    return result
                }
            }
        }
        return nil
    }

    private struct Rule {
        var pattern: NSRegularExpression
        var rewrite: ([String]) -> String?

        init(_ pattern: String, _ rewrite: @escaping ([String]) -> String?) {
            // The patterns are constants of this file: a typo is a programming error, caught by the tests.
            self.pattern = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            self.rewrite = rewrite
        }
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ number: String) -> String? {
        Int(number).flatMap { (1...12).contains($0) ? months[$0 - 1].capitalized : nil }
    }

    /// A two-digit year in the century of two-digit years in feeds: this one.
    private static func year(_ digits: String) -> String {
        digits.count == 2 ? "20" + digits : digits
    }

    /// Read-only after creation; `NSRegularExpression` matches from any thread.
    nonisolated(unsafe) private static let rules: [Rule] = [
        // asctime, and its variant with a zone before the year.
        Rule(#"^[a-z]{3},? +([a-z]{3}) +(\d{1,2}) +(\d{1,2}:\d{2}(?::\d{2})?) +(?:([+-]\d{4}|[a-z]{1,5}) +)?(\d{4})$"#)
        {
            "\($0[1]) \($0[0]) \($0[4]) \($0[2]) \($0[3].isEmpty ? "GMT" : $0[3])"
        },
        // Perforce: `Fri, 2006/09/15 08:19:53 EDT`.
        Rule(#"^(?:[a-z]{3}, *)?(\d{4})/(\d{1,2})/(\d{1,2}) +(\d{1,2}:\d{2}(?::\d{2})?)(?: +(\S+))?$"#) { groups in
            month(groups[1]).map {
                "\(groups[2]) \($0) \(groups[0]) \(groups[3]) \(groups[4].isEmpty ? "GMT" : groups[4])"
            }
        },
        // Google's extra zero in the month: `2003-012-31T10:14:55+00:00`.
        Rule(#"^(\d{4})-0(\d{2})-(\d{2})(.*)$"#) { "\($0[0])-\($0[1])-\($0[2])\($0[3])" },
        // ISO 8601 with a two-digit year: `031231`, `03-12-31`, `-0312`, `-03-12`.
        Rule(#"^(\d{2})-?(\d{2})-?(\d{2})$"#) { "\(year($0[0]))-\($0[1])-\($0[2])" },
        Rule(#"^-(\d{2})-?(\d{2})$"#) { "\(year($0[0]))-\($0[1])-01" },
        // ISO 8601 ordinal date: `03335` or `2003-335`.
        Rule(#"^(\d{2}|\d{4})-?(\d{3})$"#) { groups in ordinal(year: year(groups[0]), day: groups[1]) },
        // Korean, OnBlog: `2004년 05월 28일  01:31:15`, Korea's time.
        Rule(#"^(\d{4})년 *(\d{1,2})월 *(\d{1,2})일 +(\d{1,2}):(\d{2}):(\d{2})$"#) { groups in
            iso(groups[0], groups[1], groups[2], Int(groups[3]) ?? 0, groups[4], groups[5], zone: "+09:00")
        },
        // Korean, Nate: `2004-05-25 오후 11:23:17` (오전 morning, 오후 afternoon), Korea's time.
        Rule(#"^(\d{4})-(\d{1,2})-(\d{1,2}) +(오전|오후) +(\d{1,2}):(\d{2}):(\d{2})$"#) { groups in
            let hour = (Int(groups[4]) ?? 0) % 12 + (groups[3] == "오후" ? 12 : 0)
            return iso(groups[0], groups[1], groups[2], hour, groups[5], groups[6], zone: "+09:00")
        },
        // Hungarian month names: `2004-július-13T9:15-05:00`.
        Rule(#"^(\d{4})-([^\d-]+)-(\d{1,2})T(\d{1,2}):(\d{2})(?::(\d{2}))?(.*)$"#) { groups in
            hungarianMonths[groups[1].lowercased()].map {
                iso(
                    groups[0],
                    $0,
                    groups[2],
                    Int(groups[3]) ?? 0,
                    groups[4],
                    groups[5].isEmpty ? "00" : groups[5],
                    zone: groups[6]
                )
            } ?? nil
        },
        // Greek: `Κυρ, 11 Ιούλ 2004 12:00:00 EST`.
        Rule(#"^(?:[^\s,\d]+, *)?(\d{1,2}) +([^\s\d]+) +(\d{4}) +(\d{1,2}:\d{2}(?::\d{2})?)(?: +(\S+))?$"#) { groups in
            greekMonths[groups[1].lowercased()].flatMap(month).map {
                "\(groups[0]) \($0) \(groups[2]) \(groups[3]) \(groups[4].isEmpty ? "GMT" : groups[4])"
            }
        },
    ]

    private static func iso(
        _ year: String,
        _ month: String,
        _ day: String,
        _ hour: Int,
        _ minute: String,
        _ second: String,
        zone: String
    ) -> String {
        func two(_ text: String) -> String { text.count == 1 ? "0" + text : text }
        return "\(year)-\(two(month))-\(two(day))T\(two(String(hour))):\(minute):\(second)\(zone.isEmpty ? "Z" : zone)"
    }

    private static func ordinal(year: String, day: String) -> String? {
        guard let year = Int(year), let day = Int(day), day >= 1 else {
            return nil
        }
        var remaining = day
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        for (index, length) in [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].enumerated() {
            if remaining <= length {
                return String(format: "%04d-%02d-%02d", year, index + 1, remaining)
            }
            remaining -= length
        }
        return nil
    }

    private static let hungarianMonths: [String: String] = [
        "január": "01", "február": "02", "március": "03", "április": "04", "május": "05", "június": "06",
        "július": "07", "augusztus": "08", "szeptember": "09", "október": "10", "november": "11", "december": "12",
    ]

    /// Greek month abbreviations, with and without their accents, as month numbers.
    private static let greekMonths: [String: String] = [
        "ιαν": "1", "φεβ": "2", "μάώ": "3", "μαρ": "3", "μάρ": "3", "απρ": "4", "άπρ": "4", "μάι": "5", "μαι": "5",
        "μαΐ": "5", "ιούν": "6", "ιον": "6", "ιουν": "6", "ιούλ": "7", "ιολ": "7", "ιουλ": "7", "αύγ": "8",
        "αυγ": "8", "σεπ": "9", "οκτ": "10", "νοέ": "11", "νοε": "11", "δεκ": "12",
    ]
}
