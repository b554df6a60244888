#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads the configuration file and the files it names (secrets), reporting failures with the reason.
public enum ConfigFileReader {
    /// Reads a whole file as UTF-8 text.
    ///
    /// - Parameter path: The file's path, as the user gave it.
    /// - Returns: The file's text.
    /// - Throws: `.unreadable` with the path and the reason, such as "No such file or directory".
    public static func contents(ofFile path: String) throws(ConfigError) -> String {
        do {
            return try text(ofFile: path)
        } catch {
            throw ConfigError(
                code: .unreadable,
                file: path,
                message: "cannot read the configuration file: \(error.reason)."
            )
        }
    }

    /// Reads a file the configuration names for a secret (a webhook secret, a password).
    ///
    /// - Parameter path: The file's absolute path.
    /// - Returns: The file's bytes.
    /// - Throws: `.unreadable` whose ``ConfigError/message`` says why in words an operator can act on: there is no
    ///   such file, it is a folder, or it exists but the user feedwatch runs as may not read it.
    public static func secret(atPath path: String) throws(ConfigError) -> [UInt8] {
        do {
            return try bytes(ofFile: path)
        } catch {
            let message =
                switch error.code {
                case ENOENT: "there is no such file"
                case EACCES, EPERM:
                    "it exists but cannot be read by the user feedwatch runs as (uid \(getuid())): "
                        + "\(systemReason(error.code)); give that user read access (chmod, chown, or systemd's "
                        + "LoadCredential=)"
                case EISDIR: "it is a folder, not a file"
                default: error.reason
                }
            throw ConfigError(code: .unreadable, file: path, message: message)
        }
    }

    /// Why a file could not be read: an `errno` value, or `0` for text that is not UTF-8.
    private struct Failure: Error {
        var code: Int32

        var reason: String { code == 0 ? "it is not UTF-8 text" : ConfigFileReader.systemReason(code) }
    }

    private static func text(ofFile path: String) throws(Failure) -> String {
        guard let text = String(validating: try bytes(ofFile: path), as: UTF8.self) else {
            throw Failure(code: 0)
        }
        return text
    }

    private static func bytes(ofFile path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(code: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw Failure(code: EISDIR)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 {
                break
            }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                throw Failure(code: errno)
            }
            bytes.append(contentsOf: buffer[..<count])
        }
        return bytes
    }

    private static func systemReason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
