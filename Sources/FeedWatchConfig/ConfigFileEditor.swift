import Foundation

/// Adds feeds to a configuration file's text, keeping everything else in it (comments included) as it was.
public struct ConfigFileEditor: Sendable {
    /// A feed to add.
    public struct NewFeed: Sendable, Equatable {
        /// The feed's URL, written as is.
        public var url: String
        /// Its display name.
        public var name: String?
        /// Its tags.
        public var tags: [String]

        /// Creates a feed to add.
        public init(url: String, name: String? = nil, tags: [String] = []) {
            self.url = url
            self.name = name
            self.tags = tags
        }
    }

    /// The configuration file's text.
    public private(set) var text: String

    /// Starts editing a configuration file's text.
    public init(text: String) {
        self.text = text
    }

    /// Appends feeds to the `feeds:` list (creating it when absent), one `- url:` entry each.
    ///
    /// - Parameter feeds: The feeds to add; the caller leaves out those already configured.
    public mutating func add(_ feeds: [NewFeed]) {
        guard !feeds.isEmpty else { return }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { Self.isFeedsKey($0) }) else {
            lines.append("feeds:")
            lines += feeds.flatMap { Self.entry($0, indent: "  ") }
            text = lines.joined(separator: "\n") + "\n"
            return
        }
        if Self.isEmptyFlowList(lines[start]) {
            lines[start] = "feeds:"
        }
        var indent = "  "
        var last = start
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            guard line.hasPrefix(" ") || line.hasPrefix("-") else { break }
            if last == start, trimmed.hasPrefix("-") {
                indent = String(line.prefix { $0 == " " })
            }
            last = index
            index += 1
        }
        lines.insert(contentsOf: feeds.flatMap { Self.entry($0, indent: indent) }, at: last + 1)
        text = lines.joined(separator: "\n") + "\n"
    }

    private static func isFeedsKey(_ line: String) -> Bool {
        guard line.hasPrefix("feeds:") else { return false }
        let rest = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty || rest.hasPrefix("#") || isEmptyFlowList(line)
    }

    private static func isEmptyFlowList(_ line: String) -> Bool {
        let rest = line.dropFirst(6).split(separator: "#", maxSplits: 1).first ?? ""
        return rest.filter { !$0.isWhitespace } == "[]"
    }

    private static func entry(_ feed: NewFeed, indent: String) -> [String] {
        var lines = [indent + "- url: " + quote(feed.url)]
        if let name = feed.name { lines.append(indent + "  name: " + quote(name)) }
        if !feed.tags.isEmpty {
            lines.append(indent + "  tags: [" + feed.tags.map(quote).joined(separator: ", ") + "]")
        }
        return lines
    }

    /// A YAML double-quoted scalar.
    private static func quote(_ value: String) -> String {
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 {
                    quoted += String(format: "\\x%02X", scalar.value)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
