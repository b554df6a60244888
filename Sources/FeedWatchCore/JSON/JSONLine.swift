public import Foundation

/// How feedwatch writes a value as one line of JSON (alerts, `feedwatch analyze` lines, replay placements): ISO 8601
/// dates, sorted keys and unescaped slashes, so that the same value always gives the same bytes.
public enum JSONLine {
    /// The value as one JSON object.
    ///
    /// - Parameter value: The value.
    /// - Returns: The JSON bytes, without a line break.
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public static func data(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// The value as one JSON object, as text.
    ///
    /// - Parameter value: The value.
    /// - Returns: The JSON text, without a line break.
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
