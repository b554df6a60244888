public import Foundation

/// How the views write JSON (`--json`): snake_case keys, ISO 8601 dates, sorted keys, unescaped slashes.
public enum ViewJSON {
    /// A value as one line of JSON.
    ///
    /// - Parameter value: The view.
    /// - Returns: The JSON text, without a line break.
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
