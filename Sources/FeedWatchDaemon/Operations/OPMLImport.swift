import FeedWatchConfig
public import FeedWatchParse
import Foundation

/// Imports the feeds of an OPML subscription list into a configuration file.
///
/// The YAML file stays the one place feeds are configured: new feeds are appended to its `feeds:` list (comments
/// and everything else are kept), feeds it already has are skipped, and the result is validated before the file is
/// replaced. A running daemon picks the change up on SIGHUP.
public enum OPMLImport {
    /// What an import did.
    public struct Report: Sendable, Equatable {
        /// The feeds added, in the list's order.
        public var added: [OPMLFeed]
        /// How many listed feeds the configuration already had.
        public var alreadyPresent: Int
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
        let listed = try OPMLReader.feeds(in: data, url: opmlPath)
        let known = Set(configuration.feeds.map(\.url))
        let added = listed.filter { !known.contains($0.url) }
        let report = Report(added: added, alreadyPresent: listed.count - added.count)
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
            try Data(editor.text.utf8).write(to: URL(fileURLWithPath: configPath), options: .atomic)
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
}
