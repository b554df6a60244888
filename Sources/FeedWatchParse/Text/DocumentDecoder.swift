import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a fetched XML document into UTF-8, whatever encoding it came in, so that libxml2 only ever reads UTF-8.
///
/// The encoding is chosen the way RFC 7303 orders the evidence: a byte order mark first, then the HTTP `charset`
/// parameter, then the XML declaration's `encoding`, then the UTF-16/32 shape of the first bytes, and UTF-8 when
/// nothing is said. A document whose bytes do not fit the chosen encoding, or that names an encoding no one knows,
/// is decoded with the best fallback (UTF-8 when the bytes are valid UTF-8, else Windows-1252) and marked not
/// well-formed rather than rejected.
enum DocumentDecoder {
    /// A document converted to UTF-8.
    struct Decoded {
        /// The UTF-8 bytes, without a byte order mark.
        var data: Data
        /// The encoding the bytes were decoded from, lower-case, such as `utf-8` or `windows-1252`.
        var encoding: String
        /// Whether the bytes matched the encoding chosen for them.
        var wellformed: Bool
    }

    /// Decodes a document to UTF-8.
    ///
    /// - Parameters:
    ///   - data: The document as fetched.
    ///   - contentType: The HTTP `Content-Type`, which may carry a `charset` parameter.
    /// - Returns: The UTF-8 document, the encoding used and whether it fitted.
    static func decode(_ data: Data, contentType: String?) -> Decoded {
        var decoded = decodeBytes(data, contentType: contentType)
        if let contentType, !isXMLMediaType(contentType) {
            // Parsed all the same, but a feed served as `text/plain` or `text/html` is a server misconfiguration.
            decoded.wellformed = false
        }
        return decoded
    }

    private static func decodeBytes(_ data: Data, contentType: String?) -> Decoded {
        let (bomEncoding, bomLength) = byteOrderMark(data)
        let body = data.dropFirst(bomLength)
        let httpCharset = contentType.flatMap(charset(inContentType:))
        if bomEncoding == nil, httpCharset == nil, body.starts(with: ebcdicDeclarationStart) {
            return decodeEBCDIC(body)
        }
        let shape = bomEncoding == nil ? unicodeShape(body) : nil
        let declared = shape == nil ? declaredEncoding(body) : nil
        if bomEncoding == nil, httpCharset == nil, shape == nil,
            let contentType, isTextMediaType(contentType), body.allSatisfy({ $0 < 0x80 })
        {
            // RFC 3023: `text/*` without a charset is US-ASCII. Only said when it is true: RFC 7303 dropped the rule,
            // so a UTF-8 document served as `text/xml` is read by its declaration, as every browser does.
            return Decoded(data: Data(body), encoding: "us-ascii", wellformed: true)
        }
        let chosen = normalized(bomEncoding ?? httpCharset ?? shape ?? declared ?? "utf-8")
        if let converted = convert(body, from: chosen) {
            return Decoded(data: utf8Declared(converted, from: chosen), encoding: chosen, wellformed: true)
        }
        for candidate in [declared, shape].compactMap({ $0 }).map(normalized) where candidate != chosen {
            if let converted = convert(body, from: candidate) {
                return Decoded(data: utf8Declared(converted, from: candidate), encoding: candidate, wellformed: false)
            }
        }
        if isValidUTF8(body) {
            return Decoded(data: Data(body), encoding: "utf-8", wellformed: false)
        }
        if bomEncoding == nil, httpCharset == nil, declared == nil, shape == nil,
            let guess = LegacyEncodingGuess.guess(body), let converted = convert(body, from: guess.lowercased())
        {
            // Undeclared and not UTF-8: the encoding the bytes look like, as chardet guesses it, and flagged.
            return Decoded(data: converted, encoding: guess.lowercased(), wellformed: false)
        }
        return Decoded(
            data: utf8Declared(windows1252ToUTF8(body), from: "windows-1252"),
            encoding: "windows-1252",
            wellformed: false
        )
    }

    /// Whether a media type is an XML one (`text/xml`, `application/rss+xml`, `application/xml-dtd`...).
    static func isXMLMediaType(_ contentType: String) -> Bool {
        let type = mediaType(contentType)
        return type.isEmpty || type.contains("xml")
    }

    private static func isTextMediaType(_ contentType: String) -> Bool {
        mediaType(contentType).hasPrefix("text/")
    }

    private static func mediaType(_ contentType: String) -> String {
        let type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// `<?xm` in EBCDIC (code page 37 and its relatives).
    private static let ebcdicDeclarationStart: [UInt8] = [0x4C, 0x6F, 0xA7, 0x94]

    /// An EBCDIC document: its declaration read in code page 37, then the whole in the encoding it names.
    private static func decodeEBCDIC(_ body: Data.SubSequence) -> Decoded {
        let head = iconvToUTF8(body.prefix(while: { $0 != 0x6E }) + [0x6E], from: "IBM037")
        let declared = head.flatMap { declaredEncoding($0[...]) }.map(normalized) ?? "ibm037"
        if let converted = convert(body, from: declared) ?? convert(body, from: "ibm037") {
            return Decoded(data: utf8Declared(converted, from: declared), encoding: declared, wellformed: true)
        }
        return Decoded(data: Data("<?xml version=\"1.0\"?>".utf8), encoding: declared, wellformed: false)
    }

    /// The converted document with its declaration saying UTF-8, which it now is: libxml2 refuses some names that
    /// iconv knows (`437`, `cp_is`) even though it ignores the declared encoding.
    private static func utf8Declared(_ document: Data, from encoding: String) -> Data {
        guard encoding != "utf-8", encoding != "us-ascii", let (declaration, name) = encodingDeclaration(document[...]),
            let end = document.prefix(512).firstIndex(of: UInt8(ascii: ">"))
        else {
            return document
        }
        var output = Data((declaration[..<name.lowerBound] + "UTF-8" + declaration[name.upperBound...]).utf8)
        output.append(document[end...])
        return output
    }

    /// The `charset` parameter of a `Content-Type` value, such as `iso-8859-1` in `text/xml; charset="ISO-8859-1"`.
    ///
    /// - Parameter contentType: The header value.
    /// - Returns: The charset, or `nil` when there is none.
    static func charset(inContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = parts[1].trimmingCharacters(in: CharacterSet.whitespaces.union(["\"", "'"]))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func normalized(_ name: String) -> String {
        let lower = name.lowercased()
        switch lower {
        case "utf8": return "utf-8"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1": return "iso-8859-1"
        case "ascii", "us-ascii", "ansi_x3.4-1968": return "us-ascii"
        case "cp1252": return "windows-1252"
        // GB 18030 is a superset of GB 2312 and GBK, which servers name when they send either.
        case "gb2312", "gbk", "x-gbk", "euc-cn": return "gb18030"
        case "utf-16", "utf16": return "utf-16"
        default: return lower
        }
    }

    private static func byteOrderMark(_ data: Data) -> (String?, Int) {
        let bytes = Array(data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("utf-32le", 4) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("utf-32be", 4) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        return (nil, 0)
    }

    /// UTF-16 or UTF-32 without a byte order mark, recognised from how `<` is spread over the first bytes.
    private static func unicodeShape(_ body: Data.SubSequence) -> String? {
        let bytes = Array(body.prefix(4))
        guard bytes.count == 4 else {
            return nil
        }
        switch (bytes[0], bytes[1], bytes[2], bytes[3]) {
        case (0x3C, 0, 0, 0): return "utf-32le"
        case (0, 0, 0, 0x3C): return "utf-32be"
        case (0x3C, 0, _, 0) where bytes[2] != 0: return "utf-16le"
        case (0, 0x3C, 0, _) where bytes[3] != 0: return "utf-16be"
        default: return nil
        }
    }

    /// The `encoding` of an XML declaration written in an ASCII-compatible encoding.
    private static func declaredEncoding(_ body: Data.SubSequence) -> String? {
        guard let (declaration, name) = encodingDeclaration(body), !name.isEmpty else {
            return nil
        }
        return String(declaration[name])
    }

    /// An XML declaration written in an ASCII-compatible encoding (up to, not including, its `>`) and where the value
    /// of its `encoding` stands in it.
    private static func encodingDeclaration(_ body: Data.SubSequence) -> (String, Range<String.Index>)? {
        guard body.starts(with: Array("<?xml".utf8)), let end = body.prefix(512).firstIndex(of: UInt8(ascii: ">"))
        else {
            return nil
        }
        let declaration = String(decoding: body[..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else {
            return nil
        }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else {
            return nil
        }
        let value = rest.dropFirst()
        guard let close = value.firstIndex(of: quote) else {
            return nil
        }
        return (declaration, value.startIndex..<close)
    }

    /// The body converted from `encoding` to UTF-8, or `nil` when the encoding is unknown or the bytes do not fit.
    private static func convert(_ body: Data.SubSequence, from encoding: String) -> Data? {
        switch encoding {
        case "utf-8":
            guard isValidUTF8(body) else {
                return nil
            }
            return body.startIndex == 0 ? body : Data(body)
        case "us-ascii":
            return body.allSatisfy({ $0 < 0x80 }) ? Data(body) : nil
        case "windows-1252":
            return windows1252ToUTF8(body)
        case "iso-8859-1":
            return latin1ToUTF8(body)
        case "utf-16":
            let big = body.count >= 2 && body[body.startIndex] == 0 && body[body.startIndex + 1] != 0
            return iconvToUTF8(body, from: big ? "UTF-16BE" : "UTF-16LE")
        default:
            for name in iconvNames(encoding) {
                if let converted = iconvToUTF8(body, from: name) {
                    return converted
                }
            }
            return nil
        }
    }

    /// The names iconv may know an encoding by: as given, with `_` for `-`, and the names Python's codecs use.
    private static func iconvNames(_ encoding: String) -> [String] {
        let upper = encoding.uppercased()
        var names = [upper]
        let hyphenated = upper.replacingOccurrences(of: "_", with: "-")
        if hyphenated != upper {
            names.append(hyphenated)
        }
        if let alias = pythonAliases[hyphenated] {
            names.append(alias)
        }
        return names
    }

    /// Encoding names Python's codecs accept (and feeds therefore declare) that glibc's iconv does not.
    private static let pythonAliases: [String: String] = [
        "MACROMAN": "MACINTOSH", "MACCENTRALEUROPE": "MAC-CENTRALEUROPE", "MACLATIN2": "MAC-CENTRALEUROPE",
        "MAC-LATIN2": "MAC-CENTRALEUROPE", "MACICELAND": "MAC-IS", "MAC-ICELAND": "MAC-IS", "MAC-ROMAN": "MACINTOSH",
        "CP-IS": "IBM861", "CSIBM861": "IBM861", "IBM039": "IBM037", "CP039": "IBM037", "CP1140": "IBM1140",
        "CSIBM1140": "IBM1140", "CP-GR": "IBM869", "CP875": "IBM875", "MS-KANJI": "SHIFT_JIS",
    ]

    static func iconvToUTF8(_ body: Data.SubSequence, from encoding: String) -> Data? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else {
            return nil
        }
        defer { iconv_close(descriptor) }
        var input = Array(body)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else {
                    return nil
                }
                return outputBuffer.count - outLeft
            }
        }
        guard let written else {
            return nil
        }
        return Data(output[..<written])
    }

    /// Whether the bytes are valid UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
    static func isValidUTF8(_ bytes: Data.SubSequence) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // Thirty-two, then eight ASCII bytes at a time.
                while index + 32 <= count {
                    let high =
                        (buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                            | buffer.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                            | buffer.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                            | buffer.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)) & 0x8080_8080_8080_8080
                    guard high == 0 else {
                        break
                    }
                    index += 32
                }
                guard index < count else {
                    break
                }
                if index + 8 <= count,
                    buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                    continue
                }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
                case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
                case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
                default: return false
                }
                guard index + length <= count else {
                    return false
                }
                for offset in 1..<length {
                    let next = buffer[index + offset]
                    guard next & 0xC0 == 0x80 else {
                        return false
                    }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                    return false
                }
                index += length
            }
            return true
        }
    }

    private static func latin1ToUTF8(_ body: Data.SubSequence) -> Data {
        var output = Data()
        output.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            appendUTF8(UInt32(byte), to: &output)
        }
        return output
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F (the five undefined bytes map to C1 controls).
    static func windows1252ToUTF8(_ body: Data.SubSequence) -> Data {
        var output = Data()
        output.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            if (0x80...0x9F).contains(byte) {
                appendUTF8(windows1252High[Int(byte) - 0x80], to: &output)
            } else {
                appendUTF8(UInt32(byte), to: &output)
            }
        }
        return output
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func appendUTF8(_ scalar: UInt32, to output: inout Data) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
