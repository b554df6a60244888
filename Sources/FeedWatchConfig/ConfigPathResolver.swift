import Foundation

/// Turns the paths written in a configuration file into absolute, normalized paths and `file://` URLs.
///
/// Relative paths resolve against the configuration file's folder, so a configuration works the same
/// from whatever directory feedwatch is started in.
struct ConfigPathResolver {
    /// The absolute, normalized folder relative paths resolve against.
    let baseDirectory: String

    /// Creates a resolver.
    ///
    /// - Parameters:
    ///   - baseDirectory: The folder relative paths resolve against; itself resolved against
    ///     `currentDirectory` when relative.
    ///   - currentDirectory: The process's working directory.
    init(baseDirectory: String, currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.baseDirectory = Self.normalize(Self.join(currentDirectory, baseDirectory))
    }

    /// The absolute, normalized form of `path`.
    ///
    /// - Parameter path: An absolute path, or one relative to ``baseDirectory``.
    /// - Returns: The absolute path without `.`, `..` or repeated slashes.
    func absolutePath(_ path: String) -> String {
        Self.normalize(Self.join(baseDirectory, path))
    }

    /// The `file://` URL of `path`.
    ///
    /// - Parameter path: An absolute path, or one relative to ``baseDirectory``.
    /// - Returns: A URL such as `file:///srv/feeds/wire.xml`, with special characters percent-encoded.
    func fileURL(_ path: String) -> String {
        let absolute = absolutePath(path)
        return "file://" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute)
    }

    /// `path` if absolute, else `path` appended to `base`.
    ///
    /// - Parameters:
    ///   - base: An absolute folder.
    ///   - path: The path to resolve.
    /// - Returns: The joined path, not normalized.
    static func join(_ base: String, _ path: String) -> String {
        path.hasPrefix("/") ? path : base + "/" + path
    }

    /// Removes `.` and empty components and resolves `..` textually (symbolic links are left alone).
    ///
    /// - Parameter path: An absolute path.
    /// - Returns: The normalized path; `/` for the root.
    static func normalize(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// The folder holding `path`.
    ///
    /// - Parameter path: An absolute, normalized path.
    /// - Returns: Everything before the last `/`, or `/`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    ///
    /// - Parameter path: A path.
    /// - Returns: Everything after the last `/`.
    static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
