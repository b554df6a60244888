import FeedWatchCore
public import Foundation

/// The `Retry-After` header of a 429 or 503: either delay-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`).
public enum RetryAfter {
    /// When the server asks to be contacted again.
    ///
    /// - Parameters:
    ///   - value: The header's value, verbatim.
    ///   - now: The time the response arrived; delay-seconds count from it.
    /// - Returns: The time to retry at (never before `now`), or `nil` when the value is neither form.
    public static func date(from value: String, now: Date) -> Date? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard let seconds = Double(text) else { return nil }
            return now.addingTimeInterval(seconds)
        }
        guard let date = FeedDate.parse(text) else { return nil }
        return max(date, now)
    }
}
