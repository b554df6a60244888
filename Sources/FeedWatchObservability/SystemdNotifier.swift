public import Foundation

#if canImport(Glibc)
    import Glibc
    // Glibc types such as `stat` and `timespec` are attributed to CDispatch once Dispatch is loaded.
    import CDispatch
#endif

/// Tells systemd about the daemon's state over the `$NOTIFY_SOCKET` datagram protocol (`sd_notify`).
///
/// Without `$NOTIFY_SOCKET` (not started by systemd with `Type=notify`) every call does nothing. The socket may be a
/// path (`/run/systemd/notify`) or an abstract name (`@name`).
///
/// ```swift
/// let notifier = SystemdNotifier()
/// notifier.send(.ready, .status("polling 40 feeds"))
/// ```
public struct SystemdNotifier: Sendable {
    /// One `KEY=value` line of the protocol.
    public struct Message: Sendable, Equatable, CustomStringConvertible {
        /// The line, e.g. `READY=1`.
        public let description: String

        /// Startup is finished.
        public static let ready = Message(description: "READY=1")
        /// Shutdown has begun.
        public static let stopping = Message(description: "STOPPING=1")
        /// The watchdog ping: the daemon is alive and making progress.
        public static let watchdog = Message(description: "WATCHDOG=1")

        /// The configuration is being reloaded; `READY=1` follows when done.
        public static func reloading(monotonicMicroseconds: UInt64 = SystemdNotifier.monotonicMicroseconds())
            -> Message
        {
            Message(description: "RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds)")
        }

        /// A one-line status shown by `systemctl status`.
        public static func status(_ text: String) -> Message {
            Message(description: "STATUS=" + text.replacingOccurrences(of: "\n", with: " "))
        }
    }

    /// The socket address from `$NOTIFY_SOCKET`, or `nil` when not running under systemd's notify protocol.
    public let socketPath: String?
    /// Half of `$WATCHDOG_USEC`: how often to send ``Message/watchdog``, or `nil` when no watchdog is configured.
    public let watchdogInterval: Duration?

    /// Reads the socket and watchdog settings from the environment.
    ///
    /// - Parameter environment: The process environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.hasPrefix("/") || $0.hasPrefix("@") ? $0 : nil }
        socketPath = path
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0,
            environment["WATCHDOG_PID"].map({ $0 == String(getpid()) }) ?? true
        {
            watchdogInterval = .microseconds(Int64(usec / 2))
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether messages go anywhere.
    public var isEnabled: Bool { socketPath != nil }

    /// Sends the messages in one datagram.
    ///
    /// - Parameter messages: The lines to send.
    /// - Returns: `true` when the datagram was sent; `false` when disabled or the send failed.
    @discardableResult
    public func send(_ messages: Message...) -> Bool {
        send(messages)
    }

    /// Sends the messages in one datagram.
    ///
    /// - Parameter messages: The lines to send.
    /// - Returns: `true` when the datagram was sent; `false` when disabled or the send failed.
    @discardableResult
    public func send(_ messages: [Message]) -> Bool {
        guard let socketPath, !messages.isEmpty else { return false }
        let payload = Array(messages.map(\.description).joined(separator: "\n").utf8)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let isAbstract = pathBytes.first == 0
        let length = MemoryLayout<sa_family_t>.size + pathBytes.count + (isAbstract ? 0 : 1)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                payload.withUnsafeBytes { bytes in
                    sendto(
                        descriptor,
                        bytes.baseAddress,
                        bytes.count,
                        Int32(MSG_NOSIGNAL),
                        socketAddress,
                        socklen_t(length)
                    )
                }
            }
        }
        return sent == payload.count
    }

    /// `CLOCK_MONOTONIC` in microseconds, as `MONOTONIC_USEC` expects.
    public static func monotonicMicroseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1000
    }
}
