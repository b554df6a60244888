import FeedWatchObservability
import FeedWatchStore
import Foundation
import Logging

/// How a long-running loop fares with the store: it backs off exponentially while the store fails, logs once when
/// the store starts failing and once when it recovers, and keeps `/metrics` up to date.
///
/// A failing store (a full disk, a read-only or locked file, PostgreSQL down) must never turn a loop into a busy
/// one: the delay before the next attempt doubles with every consecutive failure, from ``initialDelay`` up to
/// ``maximumDelay``.
struct StoreFaultTracker {
    /// The loop's name in logs and metrics (`poll` or `delivery`).
    let loop: String
    /// Where the changes of state are logged.
    let logger: Logger
    /// Where errors and the failing state are counted.
    let metrics: FeedWatchMetrics?
    /// The delay after the first failure.
    var initialDelay: Duration = .seconds(1)
    /// The longest delay between two attempts.
    var maximumDelay: Duration = .seconds(300)

    /// Consecutive failures since the store last worked.
    private(set) var failures = 0
    /// When the store started failing.
    private(set) var failingSince: Date?
    /// The last error the store gave.
    private(set) var lastError: StoreError?

    /// Whether the store is failing (the last attempt failed).
    var isFailing: Bool { failures > 0 }

    /// How long to wait before the next attempt: `initialDelay × 2^(failures − 1)`, at most `maximumDelay`.
    var delay: Duration {
        guard failures > 0 else { return .zero }
        var delay = initialDelay
        for _ in 1..<min(failures, 32) where delay < maximumDelay {
            delay *= 2
        }
        return min(delay, maximumDelay)
    }

    /// Notes a failed attempt; the first of a series is logged as an error.
    ///
    /// - Parameters:
    ///   - error: What the store said.
    ///   - now: When it failed.
    mutating func failed(_ error: StoreError, at now: Date = Date()) {
        failures += 1
        lastError = error
        metrics?.recordStoreError(loop: loop)
        if failures == 1 {
            failingSince = now
            metrics?.recordStoreFailing(true, loop: loop)
            logger.error(
                "store failing, backing off until it works again",
                metadata: ["loop": "\(loop)", "error": "\(error)", "retry_in": "\(Self.seconds(delay))"]
            )
        } else {
            logger.debug(
                "store still failing",
                metadata: [
                    "loop": "\(loop)", "error": "\(error)", "failures": "\(failures)",
                    "retry_in": "\(Self.seconds(delay))",
                ]
            )
        }
    }

    /// Notes a successful attempt; the first after a series of failures is logged as the store's recovery.
    ///
    /// - Parameter now: When it worked.
    mutating func succeeded(at now: Date = Date()) {
        guard failures > 0 else { return }
        let since = failingSince ?? now
        logger.notice(
            "store recovered",
            metadata: [
                "loop": "\(loop)", "failures": "\(failures)",
                "failing_for": "\(Self.seconds(.milliseconds(Int64(now.timeIntervalSince(since) * 1000))))",
            ]
        )
        metrics?.recordStoreFailing(false, loop: loop)
        failures = 0
        failingSince = nil
        lastError = nil
    }

    /// A one-line status for `systemctl status` while the store fails, or `nil` when it works.
    var statusLine: String? {
        guard let lastError, let failingSince else { return nil }
        return "store failing since \(failingSince.formatted(.iso8601)) (\(failures) attempts, next in "
            + "\(Self.seconds(delay))): \(lastError)"
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? "\(seconds)s" : String(format: "%.1fs", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
