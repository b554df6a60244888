import FeedWatchCore
public import Foundation

/// How long a response says it stays fresh: `Cache-Control: max-age`, else `Expires` (relative to the response's
/// `Date`). feedwatch never polls a feed sooner than that.
public enum CacheLifetime {
    /// The freshness lifetime the headers give, in seconds.
    ///
    /// - Parameters:
    ///   - cacheControl: The `Cache-Control` header, if any.
    ///   - expires: The `Expires` header, if any.
    ///   - date: The response's `Date` header, if any; `Expires` counts from it, else from `now`.
    ///   - now: The time the response arrived.
    /// - Returns: The lifetime in seconds (greater than zero), or `nil` when the headers give none.
    public static func seconds(cacheControl: String?, expires: String?, date: String?, now: Date) -> TimeInterval? {
        if let cacheControl {
            for directive in cacheControl.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1)
                let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
                guard name == "max-age", parts.count == 2 else { continue }
                let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
                guard let seconds = Double(value), seconds.isFinite else { return nil }
                return seconds > 0 ? seconds : nil
            }
        }
        guard let expires, let expiry = FeedDate.parse(expires) else { return nil }
        let origin = date.flatMap(FeedDate.parse) ?? now
        let lifetime = expiry.timeIntervalSince(origin)
        return lifetime > 0 ? lifetime : nil
    }
}
