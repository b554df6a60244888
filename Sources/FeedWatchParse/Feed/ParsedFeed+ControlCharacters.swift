import FeedWatchCore

/// The last step of every parse: no string the parser hands on holds a control character.
///
/// A NUL (or another C0 control) in a JSON Feed `id`, or decoded from `&amp;#1;` in an HTML description, makes
/// PostgreSQL refuse the whole batch it arrives in, and means nothing to a reader. C1 controls (U+0080 to U+009F) are
/// what a numeric reference such as `&#146;` or a mislabelled Windows-1252 byte becomes; they are read as the
/// Windows-1252 characters they stand for (`’`), as HTML5 reads such references.
extension ParsedFeed {
    /// Removes C0 controls other than tab and line feed (a carriage return becomes a line feed, CR LF one line
    /// feed) and turns C1 controls into their Windows-1252 characters, in every string.
    mutating func removeControlCharacters() {
        ControlCharacters.clean(&title)
        ControlCharacters.clean(&link)
        ControlCharacters.clean(&titleDetail)
        ControlCharacters.clean(&subtitle)
        ControlCharacters.clean(&language)
        ControlCharacters.clean(&id)
        ControlCharacters.clean(&authors)
        ControlCharacters.clean(&categories)
        for index in items.indices {
            ControlCharacters.clean(&items[index])
        }
    }
}

/// Finding and replacing control characters in the strings of parsed values.
enum ControlCharacters {
    static func clean(_ item: inout FeedItem) {
        clean(&item.id)
        clean(&item.title)
        clean(&item.link)
        clean(&item.summary)
        clean(&item.content)
        for index in item.authors.indices {
            clean(&item.authors[index])
        }
        for index in item.categories.indices {
            clean(&item.categories[index])
        }
        clean(&item.titleDetail)
        clean(&item.summaryDetail)
        for index in item.contents.indices {
            clean(&item.contents[index].value)
            clean(&item.contents[index].type)
        }
        clean(&item.authorDetails)
        clean(&item.categoryDetails)
        for index in item.enclosures.indices {
            clean(&item.enclosures[index].url)
            clean(&item.enclosures[index].type)
        }
        for index in item.thumbnails.indices {
            clean(&item.thumbnails[index])
        }
    }

    static func clean(_ text: inout FeedText?) {
        guard var value = text, needsCleaning(value.value) || needsCleaning(value.type) else {
            return
        }
        clean(&value.value)
        clean(&value.type)
        text = value
    }

    static func clean(_ people: inout [FeedPerson]) {
        for index in people.indices {
            clean(&people[index].name)
            clean(&people[index].email)
            clean(&people[index].uri)
        }
    }

    static func clean(_ categories: inout [FeedCategory]) {
        for index in categories.indices {
            clean(&categories[index].term)
            clean(&categories[index].scheme)
            clean(&categories[index].label)
        }
    }

    static func clean(_ text: inout String?) {
        guard let value = text, needsCleaning(value) else {
            return
        }
        text = cleaned(value)
    }

    static func clean(_ text: inout String) {
        if needsCleaning(text) {
            text = cleaned(text)
        }
    }

    /// Whether the text has a C0 control other than tab and line feed, or a C1 control (`C2 80` to `C2 9F` in
    /// UTF-8). Eight bytes at a time: a word with no byte below 0x20 and none equal to 0xC2 needs no closer look.
    static func needsCleaning(_ text: String) -> Bool {
        var source = text
        return source.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                return false
            }
            let raw = UnsafeRawPointer(base)
            let count = bytes.count
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            var index = 0
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let below20 = (word &- ones &* 0x20) & ~word & high
                let c2 = word ^ (ones &* 0xC2)
                let isC2 = (c2 &- ones) & ~c2 & high
                if below20 | isC2 != 0, isControl(bytes, in: index..<index + 8) {
                    return true
                }
                index += 8
            }
            return isControl(bytes, in: index..<count)
        }
    }

    /// Whether a control character starts within `range`.
    private static func isControl(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        for index in range {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A {
                return true
            }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                return true
            }
        }
        return false
    }

    /// The text with C0 controls removed (CR becoming LF) and C1 controls read as Windows-1252.
    static func cleaned(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x09, 0x0A:
                output.append(scalar)
            case 0x0D:
                if index + 1 >= scalars.count || scalars[index + 1] != "\n" {
                    output.append("\n")
                }
            case 0x00..<0x20:
                continue
            case 0x80...0x9F:
                let mapped = windows1252[Int(scalar.value) - 0x80]
                if mapped != 0, let character = Unicode.Scalar(mapped) {
                    output.append(character)
                }
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Windows-1252's characters for 0x80 to 0x9F; 0 where it has none (those bytes are dropped).
    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
        0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0, 0x017E, 0x0178,
    ]
}
