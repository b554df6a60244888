import Synchronization

/// Collects lines written from any thread, for tests of things that print.
final class LineRecorder: Sendable {
    private let storage = Mutex<[String]>([])

    /// Appends a line.
    func record(_ line: String) { storage.withLock { $0.append(line) } }

    /// Every line so far, in order.
    var lines: [String] { storage.withLock { $0 } }
}
