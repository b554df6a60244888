import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory: Sendable {
    /// The folder's absolute path.
    let path: String

    /// Creates the folder.
    ///
    /// - Throws: Any error creating the folder.
    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("feedwatch-test-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` inside the folder, creating intermediate folders.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - name: A path relative to the folder.
    /// - Returns: The file's absolute path.
    /// - Throws: Any error writing the file.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = path + "/" + name
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
