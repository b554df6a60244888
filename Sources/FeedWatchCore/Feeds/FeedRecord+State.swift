public import Foundation

extension FeedRecord {
    /// A feed's polling state, as `feedwatch feeds list` shows it.
    public enum State: Sendable, Equatable, CustomStringConvertible {
        /// Never polled successfully and not failing.
        case new
        /// The last poll succeeded.
        case ok
        /// Failing or rate limited, and waiting until the given time before the next try.
        case backingOff(until: Date?)
        /// Failing for longer than `poll.failing_after` (a `feed_failing` alert was raised) since the given time.
        case failing(since: Date)
        /// Gone (410) since the given time; no longer polled.
        case retired(at: Date)

        /// `ok`, `new`, `backing off until T`, `failing since T` or `retired at T`, with ISO 8601 times.
        public var description: String {
            switch self {
            case .new: "new"
            case .ok: "ok"
            case .backingOff(let until): "backing off until \(until.map { $0.formatted(.iso8601) } ?? "-")"
            case .failing(let since): "failing since \(since.formatted(.iso8601))"
            case .retired(let at): "retired at \(at.formatted(.iso8601))"
            }
        }
    }

    /// The feed's polling state.
    public var state: State {
        if let retiredAt { return .retired(at: retiredAt) }
        if failingAlerted, let failingSince { return .failing(since: failingSince) }
        let rateLimited = lastError != nil && (lastStatus == 429 || lastStatus == 503)
        if consecutiveFailures > 0 || rateLimited { return .backingOff(until: nextPollAt) }
        return lastSuccessAt == nil ? .new : .ok
    }
}
