import FeedWatchCore
import FeedWatchParse
public import FeedWatchStore
public import Foundation

/// Reads feed files into items, each file one feed.
public enum FeedFiles {
    /// The items of the given files, each file a feed numbered from 1 and named by its title.
    ///
    /// - Parameters:
    ///   - paths: RSS, Atom, RDF or JSON Feed files.
    ///   - firstSeen: When every item counts as first seen.
    /// - Returns: The items, file by file, in document order.
    /// - Throws: ``FeedFileError`` when a file cannot be read, or ``ParseError`` when it is not a feed.
    public static func read(_ paths: [String], firstSeen: Date) throws -> [StoredItem] {
        let parser = FeedParser()
        var items: [StoredItem] = []
        for (index, path) in paths.enumerated() {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FeedFileError(path: path)
            }
            let parsed = try parser.parse(data, url: path)
            let feed = FeedReference(id: Int64(index + 1), url: path, name: parsed.title)
            items += parsed.items.map { StoredItem(feed: feed, item: $0, firstSeen: firstSeen) }
        }
        return items
    }
}
