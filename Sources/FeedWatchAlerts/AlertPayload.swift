public import FeedWatchCore
public import Foundation

/// The JSON form of an alert that sinks send: snake_case keys, ISO 8601 times, sorted keys.
///
/// ```json
/// {"at":"2026-03-02T09:15:00Z","created_at":"…","evidence":[{"feed":"Harbor Wire","link":"…","published":"…",
///  "title":"…"}],"id":"…","kind":"status_change","status":{"from":"proposed","to":"rejected"},"summary":"…",
///  "topic":"ceasefire"}
/// ```
public enum AlertPayload {
    /// The alert as one line of JSON.
    ///
    /// - Parameter alert: The alert to encode.
    /// - Returns: UTF-8 JSON bytes.
    public static func json(_ alert: Alert) -> Data {
        (try? JSONLine.data(alert)) ?? Data("{}".utf8)
    }

    /// Decodes an alert from its JSON form.
    ///
    /// - Parameter data: JSON produced by ``json(_:)``.
    /// - Returns: The alert.
    /// - Throws: `DecodingError` when the bytes are not an alert.
    public static func decode(_ data: Data) throws -> Alert {
        try decoder.decode(Alert.self, from: data)
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
