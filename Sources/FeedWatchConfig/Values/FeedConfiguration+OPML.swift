import FeedWatchCore
import Foundation

extension FeedConfiguration {
    /// An OPML 2.0 subscription list of `feeds`, for other feed readers.
    ///
    /// A feed's first tag becomes the folder outline it sits in; further tags go into its `category` attribute, so
    /// reading the list back with ``OPMLReader`` gives the same tags in the same order.
    ///
    /// - Parameters:
    ///   - feeds: The feeds, in order.
    ///   - title: The list's title.
    /// - Returns: The OPML document.
    public static func opml(_ feeds: [FeedConfiguration], title: String = "feedwatch feeds") -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<opml version=\"2.0\">",
            "  <head>",
            "    <title>\(escape(title))</title>",
            "  </head>",
            "  <body>",
        ]
        var folders: [String] = []
        var byFolder: [String: [FeedConfiguration]] = [:]
        for feed in feeds {
            let folder = feed.tags.first ?? ""
            if byFolder[folder] == nil { folders.append(folder) }
            byFolder[folder, default: []].append(feed)
        }
        for folder in folders {
            let members = byFolder[folder] ?? []
            if folder.isEmpty {
                lines += members.map { "    " + outline($0, extraTags: []) }
            } else {
                lines.append("    <outline text=\"\(escape(folder))\">")
                lines += members.map { "      " + outline($0, extraTags: Array($0.tags.dropFirst())) }
                lines.append("    </outline>")
            }
        }
        lines += ["  </body>", "</opml>", ""]
        return lines.joined(separator: "\n")
    }

    private static func outline(_ feed: FeedConfiguration, extraTags: [String]) -> String {
        var attributes = ["type=\"rss\"", "text=\"\(escape(feed.name ?? feed.url))\""]
        if let name = feed.name { attributes.append("title=\"\(escape(name))\"") }
        attributes.append("xmlUrl=\"\(escape(feed.url))\"")
        if !extraTags.isEmpty {
            attributes.append("category=\"\(escape(extraTags.map { "/" + $0 }.joined(separator: ",")))\"")
        }
        return "<outline " + attributes.joined(separator: " ") + "/>"
    }

    private static func escape(_ text: String) -> String {
        MarkupText.escape(text)
    }
}
