import Foundation
import Synchronization

/// Deliveries a sink received whose arrival the store could not record, kept in memory until it can, so they are
/// never sent again meanwhile.
final class UnrecordedDeliveries: Sendable {
    /// One message's deliveries to a sink, and when they arrived.
    struct Entry: Sendable, Equatable {
        var alertIDs: [String]
        var sink: String
        var at: Date
    }

    private let entries = Mutex<[Entry]>([])

    /// Remembers a message's deliveries as sent.
    func add(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }

    /// The deliveries to `sink` still to record, oldest first.
    func pending(sink: String) -> [Entry] {
        entries.withLock { $0.filter { $0.sink == sink } }
    }

    /// Forgets an entry once recorded.
    func remove(_ entry: Entry) {
        entries.withLock { entries in
            if let index = entries.firstIndex(of: entry) { entries.remove(at: index) }
        }
    }

    /// The alert ids sent to `sink` and not yet recorded.
    func alertIDs(sink: String) -> Set<String> {
        entries.withLock { Set($0.filter { $0.sink == sink }.flatMap(\.alertIDs)) }
    }

    /// How many deliveries are waiting to be recorded, across sinks.
    var count: Int { entries.withLock { $0.reduce(0) { $0 + $1.alertIDs.count } } }
}
