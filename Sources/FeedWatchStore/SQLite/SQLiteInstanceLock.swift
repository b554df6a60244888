import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Keeps a second daemon off an SQLite database: an exclusive `flock` on `DATABASE.lock` beside the file, held for
/// the process's life, with the holder's pid written inside so the refused one can name it.
///
/// The kernel releases the lock when the process ends however it ends (a crash or SIGKILL included), so a stale
/// file never blocks a restart; the file itself stays. The descriptor is close-on-exec, so a command an exec sink
/// runs cannot keep the lock after the daemon is gone. Commands that only read take no lock.
///
/// ```swift
/// let lock = try SQLiteInstanceLock(database: "/var/lib/feedwatch/feedwatch.sqlite")
/// // … run the daemon; the lock goes with `lock` or with the process.
/// ```
public final class SQLiteInstanceLock: Sendable {
    /// The lock file's path: the database's path with `.lock` appended.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock of the database at `database`, creating its folder and the lock file when missing.
    ///
    /// - Parameters:
    ///   - database: The SQLite file's path.
    ///   - pid: The pid written into the lock file (`nil` for this process's).
    /// - Throws: ``StoreError`` with code ``StoreError/Code/inUse`` naming the holder's pid when another process
    ///   holds the lock, or ``StoreError/Code/cannotOpen`` when the lock file cannot be created.
    public init(database: String, pid: Int32? = nil) throws(StoreError) {
        let path = database + ".lock"
        let folder = (database as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(
                code: .cannotOpen,
                database: database,
                message: "cannot open its lock file \(path): \(Self.reason(errno))"
            )
        }
        var result: Int32
        repeat {
            result = flock(descriptor, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            let holder = Self.holder(descriptor)
            close(descriptor)
            guard code == EWOULDBLOCK else {
                throw StoreError(
                    code: .cannotOpen,
                    database: database,
                    message: "cannot lock \(path): \(Self.reason(code))"
                )
            }
            throw StoreError(
                code: .inUse,
                database: database,
                message: holder.map { "another feedwatch (pid \($0)) is running on it" }
                    ?? "another feedwatch is running on it (\(path) is locked)"
            )
        }
        let text = Array("\(pid ?? getpid())\n".utf8)
        if ftruncate(descriptor, 0) != 0 || pwrite(descriptor, text, text.count, 0) != text.count {
            let code = errno
            close(descriptor)
            throw StoreError(
                code: .cannotOpen,
                database: database,
                message: "cannot write its lock file \(path): \(Self.reason(code))"
            )
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The pid the holder wrote into the lock file, if it reads as one.
    private static func holder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }

    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
