import Synchronization

/// HTML character references: `&name;` (looked up in libxml2's HTML 4 table, cached), `&#N;` and `&#xN;`.
enum HTMLEntities {
    private static let cache = Mutex<[String: UInt32]>([:])

    /// The character a reference at `index` stands for, and the reference's length in bytes.
    ///
    /// - Parameters:
    ///   - bytes: The text.
    ///   - index: The position of `&`.
    /// - Returns: The character and length, or `nil` when the `&` does not start a known, terminated reference
    ///   (it is then literal text).
    static func reference(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        var cursor = index + 1
        guard cursor < bytes.count else {
            return nil
        }
        if bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < bytes.count && (bytes[cursor] | 0x20) == UInt8(ascii: "x")
            if hex {
                cursor += 1
            }
            var value: UInt32 = 0
            let digitsStart = cursor
            while cursor < bytes.count, cursor - digitsStart < 8, let digit = digitValue(bytes[cursor], hex: hex) {
                value = value * (hex ? 16 : 10) + digit
                cursor += 1
            }
            guard cursor > digitsStart else {
                return nil
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") {
                cursor += 1
            }
            let scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
            return (scalar, cursor - index)
        }
        let nameStart = cursor
        while cursor < bytes.count, cursor - nameStart < 32, isNameByte(bytes[cursor]) {
            cursor += 1
        }
        guard cursor > nameStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") else {
            return nil
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor]), as: UTF8.self)
        guard let codePoint = codePoint(name), let scalar = Unicode.Scalar(codePoint) else {
            return nil
        }
        return (scalar, cursor + 1 - index)
    }

    /// The code point of a named entity (`amp`, `nbsp`, `eacute`...), or `nil` when HTML 4 has no such name.
    static func codePoint(_ name: String) -> UInt32? {
        switch name {
        case "amp": return 0x26
        case "lt": return 0x3C
        case "gt": return 0x3E
        case "quot": return 0x22
        case "apos": return 0x27
        case "nbsp": return 0xA0
        default: break
        }
        if let cached = cache.withLock({ $0[name] }) {
            return cached == 0 ? nil : cached
        }
        let value = LibXML2Reader.htmlEntityCodePoint(name)
        cache.withLock { table in
            if table.count < 4_096 {
                table[name] = value ?? 0
            }
        }
        return value
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
