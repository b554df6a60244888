/// The requests of one batch waiting to start, grouped by host so hosts take turns.
///
/// Requests without a host (`file:` URLs) are not held back by a ``HostGate`` and come out first.
struct HostQueue {
    private var ungated: [Int]
    private var waiting: [String: [Int]] = [:]
    private var hosts: [String] = []
    private var cursor = 0
    private var passed = 0

    /// Groups request indices by their host keys.
    ///
    /// - Parameter keys: Each request's host key, `nil` for none, in request order.
    init(_ keys: [String?]) {
        var ungated: [Int] = []
        for (index, key) in keys.enumerated() {
            guard let key else {
                ungated.append(index)
                continue
            }
            if waiting[key] == nil { hosts.append(key) }
            waiting[key, default: []].append(index)
        }
        self.ungated = ungated.reversed()
        for host in hosts { waiting[host]?.reverse() }
    }

    /// Whether no request is left.
    var isEmpty: Bool { ungated.isEmpty && hosts.isEmpty }

    /// The next request without a host, if any.
    mutating func popUngated() -> Int? { ungated.popLast() }

    /// Starts a new pass over the hosts.
    mutating func rewind() { passed = 0 }

    /// The host whose turn it is, or `nil` once every host was skipped since the last start or rewind.
    mutating func nextHost() -> String? {
        guard !hosts.isEmpty, passed < hosts.count else { return nil }
        if cursor >= hosts.count { cursor = 0 }
        return hosts[cursor]
    }

    /// Passes over the current host without starting anything.
    mutating func skip() {
        cursor += 1
        passed += 1
    }

    /// Takes the next request of `host` (the current host) and moves the turn on.
    mutating func pop(_ host: String) -> Int? {
        guard var queue = waiting[host], let index = queue.popLast() else {
            if cursor < hosts.count, hosts[cursor] == host { hosts.remove(at: cursor) }
            return nil
        }
        passed = 0
        if queue.isEmpty {
            waiting[host] = nil
            if cursor < hosts.count, hosts[cursor] == host { hosts.remove(at: cursor) }
        } else {
            waiting[host] = queue
            cursor += 1
        }
        return index
    }
}
