public import Foundation

/// Parses the date formats feeds use, without `DateFormatter`.
///
/// Accepts RFC 822 / RFC 1123 dates as written in RSS (`Tue, 3 Jun 2025 14:05:00 GMT`, with or without the
/// weekday, two- or four-digit years, named, military or numeric zones) and RFC 3339 / ISO 8601 dates as written in
/// Atom (`2025-06-03T14:05:00.250+02:00`, or a bare `2025-06-03`). Impossible dates yield `nil` rather than rolling
/// over into the next day or month.
public enum FeedDate {
    /// Parses a feed date.
    ///
    /// Military single-letter zones other than `Z` are read as UTC, as RFC 2822 advises, because RFC 822 defined
    /// their signs backwards. Unknown zone names are read as UTC too; a missing zone means UTC.
    ///
    /// - Parameter text: The date as written in the feed; surrounding whitespace is ignored.
    /// - Returns: The instant, or `nil` when the text is not a valid date.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else {
            return nil
        }
        var scanner = DateScanner(bytes: bytes, position: first)
        let digits = bytes[first...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if digits.count == 4, bytes[(first + 4)...].allSatisfy(isSpace),
            let year = Int(String(decoding: digits, as: UTF8.self))
        {
            // W3C-DTF's coarsest form, a bare year: its first day.
            return makeDate(year: year, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0, offsetSeconds: 0)
        }
        if scanner.looksLikeISODate {
            return scanner.parseISO8601()
        }
        return scanner.parseRFC822()
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Builds an instant from validated civil fields, or `nil` when a field is out of range.
    static func makeDate(
        year: Int,
        month: Int,
        day: Int,
        hour: Int,
        minute: Int,
        second: Int,
        fraction: Double,
        offsetSeconds: Int
    ) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + min(second, 59) - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Zone names seen in feeds, with their offsets from UTC in minutes.
    static let namedZones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0,
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "BST": 60, "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "EET": 120, "EEST": 180, "WET": 0, "WEST": 60,
        "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    ]

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Month names and abbreviations of other languages feeds are written in, lower-case, with zero-based indices;
    /// looked up as the whole word, then its first four and first three characters.
    static let foreignMonthNames: [String: Int] = [
        "jän": 0, "janv": 0, "ene": 0, "gen": 0,
        "fév": 1, "févr": 1, "fev": 1,
        "mär": 2, "mrz": 2, "mars": 2, "mrt": 2,
        "avr": 3, "abr": 3,
        "mai": 4, "mag": 4, "mei": 4,
        "juin": 5, "giu": 5,
        "juil": 6, "lug": 6,
        "aoû": 7, "août": 7, "ago": 7,
        "set": 8,
        "okt": 9, "ott": 9, "out": 9,
        "déc": 11, "dez": 11, "dic": 11,
    ]
}
