import Foundation
import Synchronization

/// The first bytes a command wrote to its standard error, kept while the rest is read and dropped.
final class StandardErrorHead: Sendable {
    private let limit: Int
    private let bytes = Mutex(Data())

    /// Creates an empty head that keeps at most `limit` bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// Keeps what fits of `data`.
    func append(_ data: Data) {
        bytes.withLock { kept in
            let room = limit - kept.count
            if room > 0 {
                kept.append(data.prefix(room))
            }
        }
    }

    /// The kept bytes as text, trimmed.
    var text: String {
        bytes.withLock { String(decoding: $0, as: UTF8.self) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
