import Foundation
import Testing

@testable import FeedWatchObservability

#if canImport(Glibc)
    import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket.
final class NotifySocket: Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// The next datagram, or `nil` after two seconds without one.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// The next datagram, or `nil` after two seconds without one, waited for on a dispatch queue: a test that blocks
    /// in `recv` on the Swift concurrency pool could take the very threads the daemon under test needs.
    func next() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.receive()) }
        }
    }

    /// The next datagram, waiting up to `seconds` (in two-second reads) for one: start-up on a busy machine can take
    /// longer than one read's timeout.
    func next(waitingUpTo seconds: Int) async -> String? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let message = await next() {
                return message
            }
        }
        return nil
    }

    /// ``receive(until:)``, waited for on a dispatch queue (see ``next()``).
    func next(until predicate: @escaping @Sendable (String) -> Bool) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.receive(until: predicate)) }
        }
    }

    /// Datagrams until `predicate` holds for one of them (inclusive), or none arrives for two seconds.
    func receive(until predicate: (String) -> Bool) -> [String] {
        var messages: [String] = []
        while let message = receive() {
            messages.append(message)
            if predicate(message) { break }
        }
        return messages
    }
}

@Suite("SystemdNotifier: the $NOTIFY_SOCKET protocol")
struct SystemdNotifierTests {
    @Test func withoutNotifySocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.send(.ready))
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func relativeSocketPathsAreIgnored() {
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "notify.sock"]).isEnabled)
    }

    @Test func sendsOneDatagramWithEveryLine() throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path])
        #expect(notifier.send(.ready, .status("polling 3 feeds")))
        #expect(socket.receive() == "READY=1\nSTATUS=polling 3 feeds")
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]).send(.reloading(monotonicMicroseconds: 42))
        #expect(socket.receive() == "RELOADING=1\nMONOTONIC_USEC=42")
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsec() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "60000000"])
        #expect(notifier.watchdogInterval == .seconds(30))
        let otherProcess = SystemdNotifier(environment: ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "1"])
        #expect(otherProcess.watchdogInterval == nil)
    }
}
