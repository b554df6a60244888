import Foundation

/// Decides when the next request to a host may start: at most ``limit`` transfers to one host at once, and
/// starts to one host at least ``gap`` seconds apart.
///
/// Times are seconds on a monotonic clock, passed in so the rules are testable without sleeping.
public struct HostGate: Sendable, Equatable {
    /// What the gate says about starting a request to a host now.
    enum Decision: Equatable {
        /// Start it now.
        case ready
        /// The host has ``HostGate/limit`` transfers running; wait for one to finish.
        case busy
        /// Wait this many seconds for the gap since the last start to pass.
        case wait(TimeInterval)
    }

    /// The shortest time between two starts to one host, in seconds.
    let gap: TimeInterval
    /// The most transfers to one host at once.
    let limit: Int
    private var running: [String: Int] = [:]
    private var lastStart: [String: TimeInterval] = [:]

    /// Creates a gate.
    ///
    /// - Parameters:
    ///   - gap: Seconds between two starts to one host (0 for none).
    ///   - limit: Transfers to one host at once (at least 1).
    init(gap: TimeInterval, limit: Int) {
        self.gap = max(0, gap)
        self.limit = max(1, limit)
    }

    /// The key requests are grouped by: the URL's lowercased host, or `nil` for `file:` and unparsable URLs,
    /// which the gate does not hold back.
    ///
    /// - Parameter url: An absolute URL.
    /// - Returns: The host key, if the URL has a host.
    public static func key(for url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.lowercased()
    }

    /// Whether a request to `host` may start at `now`.
    ///
    /// - Parameters:
    ///   - host: The host key.
    ///   - now: The monotonic time in seconds.
    /// - Returns: The decision.
    func decision(for host: String, at now: TimeInterval) -> Decision {
        if running[host, default: 0] >= limit { return .busy }
        if let last = lastStart[host], now - last < gap { return .wait(gap - (now - last)) }
        return .ready
    }

    /// Records that a request to `host` started at `now`.
    mutating func started(_ host: String, at now: TimeInterval) {
        running[host, default: 0] += 1
        lastStart[host] = now
    }

    /// Records that a request to `host` finished.
    mutating func finished(_ host: String) {
        let count = running[host, default: 0] - 1
        running[host] = count > 0 ? count : nil
    }

    /// Forgets running transfers (after a batch ends or is cancelled) but keeps the start times, so the gap also
    /// holds across batches.
    mutating func clearRunning() {
        running.removeAll()
    }
}
