#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads a configuration file's text, reporting failures with the operating system's reason.
public enum ConfigFileReader {
    /// Reads a whole file as UTF-8 text.
    ///
    /// - Parameter path: The file's path, as the user gave it.
    /// - Returns: The file's text.
    /// - Throws: `.unreadable` with the path and the reason, such as "No such file or directory".
    public static func contents(ofFile path: String) throws(ConfigError) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw unreadable(path, reason: systemReason(errno))
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw unreadable(path, reason: systemReason(EISDIR))
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
                throw unreadable(path, reason: systemReason(errno))
            }
            bytes.append(contentsOf: buffer[..<count])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw unreadable(path, reason: "it is not UTF-8 text")
        }
        return text
    }

    private static func systemReason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    private static func unreadable(_ path: String, reason: String) -> ConfigError {
        ConfigError(code: .unreadable, file: path, message: "cannot read the configuration file: \(reason).")
    }
}
