import Foundation
internal import Yams

extension ConfigNodeReader {
    private static let durationUnits: [String: Double] = ["ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86_400]
    private static let byteUnits: [String: Double] = [
        "b": 1,
        "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824,
    ]

    /// Reads the node as a duration: whole seconds (`90`) or a number and a unit `ms`, `s`, `m`, `h` or `d`
    /// (`250ms`, `90s`, `15m`, `1.5h`, `1d`).
    ///
    /// - Parameter allowingZero: Whether `0` is accepted (for gaps and spreads that can be turned off).
    /// - Returns: The duration in seconds, greater than zero (or zero when allowed).
    /// - Throws: `.wrongType` for a mapping or list; `.invalidValue` for text that is not a duration or is
    ///   not greater than zero (not negative when zero is allowed).
    func duration(allowingZero: Bool = false) throws(ConfigError) -> TimeInterval {
        let expected = "a duration such as 90s, 15m, 2h or 1d"
        let text = try quantityText(expected: expected)
        guard let (number, unit) = Self.splitQuantity(text),
            let multiplier = unit.isEmpty ? 1 : Self.durationUnits[unit]
        else {
            throw error(.invalidValue, "expected \(expected), got '\(text)'.")
        }
        let seconds = number * multiplier
        if allowingZero, seconds == 0 { return 0 }
        guard seconds > 0, seconds.isFinite else {
            throw error(.invalidValue, "the duration must be greater than zero, got '\(text)'.")
        }
        return seconds
    }

    /// Reads the node as a size in bytes: a whole number (`1048576`) or a number and a unit `B`, `KB`, `MB`,
    /// `GB` (powers of 1000) or `KiB`, `MiB`, `GiB` (powers of 1024), case ignored.
    ///
    /// - Returns: The size in bytes, greater than zero.
    /// - Throws: `.wrongType` for a mapping or list; `.invalidValue` for text that is not a size, is not a
    ///   whole number of bytes or is not greater than zero.
    func byteSize() throws(ConfigError) -> Int {
        let expected = "a size such as 512KB, 10MB or 1GiB"
        let text = try quantityText(expected: expected)
        guard let (number, unit) = Self.splitQuantity(text),
            let multiplier = unit.isEmpty ? 1 : Self.byteUnits[unit.lowercased()]
        else {
            throw error(.invalidValue, "expected \(expected), got '\(text)'.")
        }
        let bytes = number * multiplier
        let wholeBytes = bytes.rounded()
        guard wholeBytes > 0, wholeBytes < Double(Int.max) else {
            throw error(.invalidValue, "the size must be greater than zero bytes, got '\(text)'.")
        }
        // Decimal fractions such as 1.1 are inexact in binary, so 1.1KB comes out a hair off 1100.
        guard abs(bytes - wholeBytes) <= wholeBytes * 1e-12 else {
            throw error(.invalidValue, "the size must be a whole number of bytes, got '\(text)'.")
        }
        return Int(wholeBytes)
    }

    private func quantityText(expected: String) throws(ConfigError) -> String {
        guard case .scalar = node, !isNull else {
            throw error(.wrongType, "expected \(expected), got \(summary).")
        }
        return try string().trimmingCharacters(in: .whitespaces)
    }

    /// Splits `15m` or `1.5 GiB` into a non-negative number and its unit (possibly empty).
    private static func splitQuantity(_ text: String) -> (number: Double, unit: String)? {
        let numberPart = text.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }
        let unit = text.dropFirst(numberPart.count).trimmingCharacters(in: .whitespaces)
        let digits = numberPart.drop { $0 == "-" || $0 == "+" }
        guard digits.contains(where: \.isNumber),
            digits.allSatisfy({ $0.isNumber || $0 == "." }),
            digits.filter({ $0 == "." }).count <= 1,
            numberPart.count - digits.count <= 1,
            unit.allSatisfy(\.isLetter),
            let number = Double(numberPart)
        else { return nil }
        return (number, unit)
    }
}
