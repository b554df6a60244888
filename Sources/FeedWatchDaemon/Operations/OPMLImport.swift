import FeedWatchConfig
public import FeedWatchParse
import Foundation

/// Imports the feeds of an OPML subscription list into a configuration file.
///
/// The YAML file stays the one place feeds are configured: new feeds are appended to its `feeds:` list (comments
/// and everything else are kept), feeds it already has are skipped, and the result is validated before the file is
/// replaced, keeping its mode and owner (a `0600` file holding a database password stays `0600`). Only `http` and
/// `https` feeds are imported: a list is someone else's file, and `file:` or other schemes in it are refused. A
/// running daemon picks the change up on SIGHUP.
public enum OPMLImport {
    /// What an import did.
    public struct Report: Sendable, Equatable {
        /// The feeds added, in the list's order.
        public var added: [OPMLFeed]
        /// How many listed feeds the configuration already had.
        public var alreadyPresent: Int
        /// The listed URLs that are not `http` or `https`, which were not imported.
        public var refused: [String] = []
    }

    /// Reads `opmlPath` and adds its new feeds to the configuration file at `configPath`.
    ///
    /// - Parameters:
    ///   - opmlPath: The OPML file.
    ///   - configPath: The configuration file to extend.
    ///   - dryRun: Report what would be added without writing.
    /// - Returns: What was (or would be) added.
    /// - Throws: ``ConfigError`` when a file cannot be read or written, ``ParseError`` when the list is not OPML.
    public static func run(opmlPath: String, configPath: String, dryRun: Bool = false) throws -> Report {
        let configuration = try FeedWatchConfiguration.load(contentsOf: configPath)
        guard let data = FileManager.default.contents(atPath: opmlPath) else {
            throw ConfigError(
                code: .unreadable,
                file: opmlPath,
                line: nil,
                column: nil,
                keyPath: nil,
                message: "cannot read the OPML file; check its path and permissions."
            )
        }
        let all = try OPMLReader.feeds(in: data, url: opmlPath)
        let listed = all.filter(\.isWeb)
        let known = Set(configuration.feeds.map(\.url))
        let added = listed.filter { !known.contains($0.url) }
        let report = Report(
            added: added,
            alreadyPresent: listed.count - added.count,
            refused: all.filter { !$0.isWeb }.map(\.url)
        )
        guard !dryRun, !added.isEmpty else { return report }
        var editor = ConfigFileEditor(text: try ConfigFileReader.contents(ofFile: configPath))
        editor.add(added.map { ConfigFileEditor.NewFeed(url: $0.url, name: $0.title, tags: $0.tags) })
        let directory = (configuration.sourceFile.map { ($0 as NSString).deletingLastPathComponent }) ?? "."
        let edited = try FeedWatchConfiguration.parse(yaml: editor.text, file: configPath, baseDirectory: directory)
        guard edited.feeds.count == configuration.feeds.count + added.count else {
            throw ConfigError(
                code: .invalidValue,
                file: configPath,
                line: nil,
                column: nil,
                keyPath: "feeds",
                message: "the imported feeds could not be added to this file's feed list; add them by hand."
            )
        }
        do {
            try replace(configPath, with: Data(editor.text.utf8))
        } catch {
            throw ConfigError(
                code: .unreadable,
                file: configPath,
                line: nil,
                column: nil,
                keyPath: nil,
                message: "cannot write the configuration file: \(error.localizedDescription)."
            )
        }
        return report
    }

    /// Replaces a file's contents atomically (a new file renamed over it), with the old file's mode and, where the
    /// process may set it, owner and group.
    private static func replace(_ path: String, with data: Data) throws {
        let manager = FileManager.default
        let old = try manager.attributesOfItem(atPath: path)
        let mode = (old[.posixPermissions] as? NSNumber)?.intValue ?? 0o600
        let temporary = path + ".feedwatch-import-\(UUID().uuidString)"
        guard manager.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: mode & 0o600])
        else {
            throw CocoaError(.fileWriteNoPermission)
        }
        do {
            var keep: [FileAttributeKey: Any] = [.posixPermissions: mode]
            if let owner = old[.ownerAccountID], let group = old[.groupOwnerAccountID], getuid() == 0 {
                keep[.ownerAccountID] = owner
                keep[.groupOwnerAccountID] = group
            }
            try manager.setAttributes(keep, ofItemAtPath: temporary)
            guard rename(temporary, path) == 0 else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw error
        }
    }
}

extension OPMLFeed {
    /// Whether the feed's URL is `http` or `https`.
    var isWeb: Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
