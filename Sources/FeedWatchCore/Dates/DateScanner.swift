import Foundation

/// A cursor over the UTF-8 bytes of a date, with the two grammars `FeedDate` accepts.
struct DateScanner {
    let bytes: [UInt8]
    var position: Int

    /// Whether the text starts with `YYYY-`, the shape of an ISO 8601 date.
    var looksLikeISODate: Bool {
        guard position + 4 < bytes.count else {
            return false
        }
        return (0..<4).allSatisfy { isDigit(bytes[position + $0]) } && bytes[position + 4] == UInt8(ascii: "-")
    }

    /// Parses `YYYY-MM-DD[(T|t| )HH:MM[:SS[.fff]][Z|±HH[:]MM|±HH]]`.
    mutating func parseISO8601() -> Date? {
        guard let year = number(exactly: 4), consume("-"), let month = number(exactly: 2) else {
            return nil
        }
        // W3C-DTF allows a bare year and month (`2003-12`), meaning its first day.
        if position == bytes.count || !consume("-") {
            skipSpaces()
            guard position == bytes.count else {
                return nil
            }
            return FeedDate.makeDate(
                year: year,
                month: month,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
                fraction: 0,
                offsetSeconds: 0
            )
        }
        guard let day = number(exactly: 2) else {
            return nil
        }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if consume("T") || consume("t") || (consume(" ") && peekIsDigit) {
            guard let parsedHour = number(exactly: 2), consume(":"), let parsedMinute = number(exactly: 2) else {
                return nil
            }
            hour = parsedHour
            minute = parsedMinute
            if consume(":") {
                guard let parsedSecond = number(exactly: 2) else {
                    return nil
                }
                second = parsedSecond
                if consume(".") || consume(",") {
                    guard let parsedFraction = fractionDigits() else {
                        return nil
                    }
                    fraction = parsedFraction
                }
            }
            skipSpaces()
            if consume("Z") || consume("z") {
                offset = 0
            } else if let sign = signByte() {
                guard let parsedOffset = numericOffset(sign: sign) else {
                    return nil
                }
                offset = parsedOffset
            }
        }
        skipSpaces()
        guard position == bytes.count else {
            return nil
        }
        return FeedDate.makeDate(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            fraction: fraction,
            offsetSeconds: offset
        )
    }

    /// Parses `[Weekday,] D Mon YY[YY] HH:MM[:SS] [zone]`, tolerating extra spaces and missing commas, and the
    /// common `Mon D YYYY HH:MM:SS AM` variant.
    mutating func parseRFC822() -> Date? {
        skipSeparators()
        let firstWordStart = position
        if let first = peek, isLetter(first) {
            _ = word()
            skipSeparators()
        }
        var monthIndex: Int?
        if let next = peek, isLetter(next) {
            monthIndex = month()
            skipSeparators()
        } else if position > firstWordStart {
            let afterWeekday = position
            position = firstWordStart
            monthIndex = month()
            if monthIndex == nil {
                position = afterWeekday
            } else {
                skipSeparators()
            }
        }
        guard let day = number(minimum: 1, maximum: 2) else {
            return nil
        }
        skipSeparators()
        // `mar, 03 jun 2025`: a month name after the day wins over a weekday that looked like one (Spanish `mar`).
        if let named = month() {
            monthIndex = named
            skipSeparators()
        }
        guard let monthIndex else {
            return nil
        }
        let yearStart = position
        guard let rawYear = number(minimum: 2, maximum: 4), position - yearStart != 3 else {
            return nil
        }
        let year = position - yearStart == 2 ? (rawYear < 50 ? 2000 + rawYear : 1900 + rawYear) : rawYear
        skipSeparators()
        var hour = 0
        var minute = 0
        var second = 0
        var offset = 0
        if peekIsDigit {
            guard let parsedHour = number(minimum: 1, maximum: 2), consume(":"),
                let parsedMinute = number(exactly: 2)
            else {
                return nil
            }
            hour = parsedHour
            minute = parsedMinute
            if consume(":") {
                guard let parsedSecond = number(exactly: 2) else {
                    return nil
                }
                second = parsedSecond
            }
            skipSpaces()
            if let meridiem = meridiemShift() {
                guard (1...12).contains(hour) else {
                    return nil
                }
                hour = hour % 12 + meridiem
                skipSpaces()
            }
            guard let parsedOffset = rfc822Zone() else {
                return nil
            }
            offset = parsedOffset
        }
        skipSpaces()
        if consume("(") {
            while let byte = peek, byte != UInt8(ascii: ")") {
                position += 1
            }
            _ = consume(")")
            skipSpaces()
        }
        guard position == bytes.count else {
            return nil
        }
        return FeedDate.makeDate(
            year: year,
            month: monthIndex + 1,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            fraction: 0,
            offsetSeconds: offset
        )
    }

    /// Reads a month name (`Jun`, `June`, `Sept`, and the common German, French, Spanish, Italian, Dutch and
    /// Portuguese names such as `Okt`, `juil.`, `dic`) and returns its zero-based index.
    private mutating func month() -> Int? {
        let start = position
        switch englishMonth() {
        case .month(let index):
            return index
        case .notMonth:
            position = start
            return nil
        case .unknown:
            position = start
        }
        guard let name = word().map({ $0.lowercased() }), name.count >= 3 else {
            position = start
            return nil
        }
        if let index = FeedDate.monthNames.firstIndex(of: String(name.prefix(3))) {
            return index
        }
        if let index = FeedDate.foreignMonthNames[name] ?? FeedDate.foreignMonthNames[String(name.prefix(4))]
            ?? FeedDate.foreignMonthNames[String(name.prefix(3))]
        {
            return index
        }
        position = start
        return nil
    }

    /// What the bytes-only month reading found.
    private enum MonthLookup {
        /// An English month name, by its zero-based index.
        case month(Int)
        /// A word that `month()` would not take either: its first three letters begin no month name it knows.
        case notMonth
        /// Anything else, which `month()` reads the slow way.
        case unknown
    }

    /// Reads an ASCII word of three or more letters as `month()` would, without building strings: an English month
    /// from its first three letters, or a word such as a weekday whose first three letters begin no English or
    /// foreign month name (the full word and its four-letter prefix then begin none either). Leaves the position
    /// after the word only for `.month`.
    private mutating func englishMonth() -> MonthLookup {
        let start = position
        while let byte = peek, isLetter(byte) {
            guard byte < 0x80 else {
                return .unknown
            }
            position += 1
        }
        guard position - start >= 3 else {
            return .unknown
        }
        let key = Self.packed(bytes[start] | 0x20, bytes[start + 1] | 0x20, bytes[start + 2] | 0x20)
        if let index = Self.englishMonthKeys.firstIndex(of: key) {
            return .month(index)
        }
        return Self.foreignMonthKeys.contains(key) ? .unknown : .notMonth
    }

    /// Three bytes packed into an integer, the first lowest.
    private static func packed(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt32 {
        UInt32(first) | UInt32(second) << 8 | UInt32(third) << 16
    }

    /// The first three bytes of a name, packed; `nil` when it is shorter.
    private static func packedPrefix(_ name: String) -> UInt32? {
        let bytes = Array(name.utf8.prefix(3))
        return bytes.count == 3 ? packed(bytes[0], bytes[1], bytes[2]) : nil
    }

    /// `FeedDate.monthNames`, packed as `englishMonth()` packs a word's first three letters.
    private static let englishMonthKeys: [UInt32] = FeedDate.monthNames.compactMap(packedPrefix)

    /// The first three bytes of every key of `FeedDate.foreignMonthNames`, packed.
    private static let foreignMonthKeys: Set<UInt32> = Set(FeedDate.foreignMonthNames.keys.compactMap(packedPrefix))

    /// Reads `AM` or `PM` and returns the hours to add to a 12-hour clock reading.
    private mutating func meridiemShift() -> Int? {
        let start = position
        switch word()?.uppercased() {
        case "AM": return 0
        case "PM": return 12
        default:
            position = start
            return nil
        }
    }

    /// Reads a zone (`GMT`, `EST`, `+0200`, `-05:00`, `A`…`Z`, `UTC+2`) and returns its offset in seconds;
    /// a missing zone is UTC.
    private mutating func rfc822Zone() -> Int? {
        guard let next = peek else {
            return 0
        }
        if let sign = signByte() {
            return numericOffset(sign: sign)
        }
        guard isLetter(next), let name = word() else {
            return nil
        }
        let upper = name.uppercased()
        var minutes = FeedDate.namedZones[upper] ?? 0
        if upper.count == 1 && upper != "J" {
            minutes = 0
        } else if upper.count > 5 {
            return nil
        }
        if let sign = signByte() {
            guard let extra = numericOffset(sign: sign) else {
                return nil
            }
            minutes += extra / 60
        }
        return minutes * 60
    }

    /// Reads `HH`, `HHMM` or `HH:MM` after a sign and returns the offset in seconds.
    private mutating func numericOffset(sign: Int) -> Int? {
        var hours: Int
        var minutes = 0
        if let compact = number(exactly: 4) {
            hours = compact / 100
            minutes = compact % 100
        } else if let parsedHours = number(minimum: 1, maximum: 2) {
            hours = parsedHours
            if consume(":") {
                guard let parsedMinutes = number(exactly: 2) else {
                    return nil
                }
                minutes = parsedMinutes
            }
        } else {
            return nil
        }
        guard hours <= 18, minutes <= 59 else {
            return nil
        }
        return sign * (hours * 3_600 + minutes * 60)
    }

    private mutating func signByte() -> Int? {
        if consume("+") {
            return 1
        }
        if consume("-") {
            return -1
        }
        return nil
    }

    private mutating func fractionDigits() -> Double? {
        var value = 0.0
        var scale = 0.1
        let start = position
        while let byte = peek, isDigit(byte) {
            value += Double(byte - UInt8(ascii: "0")) * scale
            scale /= 10
            position += 1
        }
        return position > start ? value : nil
    }

    private var peek: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private var peekIsDigit: Bool {
        peek.map(isDigit) ?? false
    }

    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard peek == UInt8(ascii: character) else {
            return false
        }
        position += 1
        return true
    }

    private mutating func number(exactly count: Int) -> Int? {
        let start = position
        guard let value = number(minimum: count, maximum: count), position - start == count else {
            position = start
            return nil
        }
        return value
    }

    /// Reads between `minimum` and `maximum` digits; fails (without moving) if more digits follow.
    private mutating func number(minimum: Int, maximum: Int) -> Int? {
        let start = position
        var value = 0
        while let byte = peek, isDigit(byte), position - start < maximum {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        guard position - start >= minimum, !peekIsDigit else {
            position = start
            return nil
        }
        return value
    }

    private mutating func word() -> Substring? {
        let start = position
        while let byte = peek, isLetter(byte) {
            position += 1
        }
        guard position > start else {
            return nil
        }
        return Substring(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpaces() {
        while let byte = peek, FeedDate.isSpace(byte) {
            position += 1
        }
    }

    private mutating func skipSeparators() {
        while let byte = peek, FeedDate.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
            position += 1
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// ASCII letters, and any byte of a multi-byte UTF-8 character, so that `Mär` and `Mié` read as one word.
    private func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
    }
}
