import Foundation

/// A feed file given to `analyze` or `replay` that cannot be read.
public struct FeedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given.
    public var path: String

    /// What happened and what to do, in one line.
    public var description: String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return "cannot read \(path): there is no such file; check the path"
        }
        if isDirectory.boolValue {
            return "cannot read \(path): it is a folder; give the feed files inside it"
        }
        return "cannot read \(path): permission denied or unreadable; check its permissions"
    }
}
