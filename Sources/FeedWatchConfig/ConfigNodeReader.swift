import Foundation
internal import Yams

/// Reads one node of a configuration file's YAML tree as a typed value.
///
/// Every mismatch becomes a ``ConfigError`` carrying the node's line and column and its key path
/// (such as `feeds[2].url`), so the rest of the loader only states what it expects.
struct ConfigNodeReader {
    /// The node being read.
    let node: Node
    /// Where the node sits in the configuration, such as `sinks[0].format`; empty for the root.
    let keyPath: String
    /// The configuration file's path, as the user gave it.
    let file: String

    /// The node's 1-based line.
    var line: Int { node.mark?.line ?? 1 }

    /// The node's 1-based column.
    var column: Int { node.mark?.column ?? 1 }

    /// Where the node was written.
    var location: ConfigLocation { ConfigLocation(file: file, line: line, column: column) }

    /// Whether the node is an empty value (`key:` with nothing after it, `~` or `null`).
    var isNull: Bool {
        node.null != nil
    }

    /// Whether the node is a single value rather than a mapping or a list.
    var isScalar: Bool {
        if case .scalar = node { true } else { false }
    }

    /// Whether the node is a mapping.
    var isMapping: Bool {
        if case .mapping = node { true } else { false }
    }

    /// Whether the node is a list.
    var isList: Bool {
        if case .sequence = node { true } else { false }
    }

    /// A short description of what the node holds, for "got …" in messages.
    var summary: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar): return isNull ? "nothing" : "'\(scalar.string)'"
        }
    }

    /// Makes an error located at this node.
    ///
    /// - Parameters:
    ///   - code: What kind of problem it is.
    ///   - message: What is wrong and how to fix it.
    /// - Returns: The error.
    func error(_ code: ConfigError.Code, _ message: String) -> ConfigError {
        ConfigError(code: code, file: file, line: line, column: column, keyPath: keyPath, message: message)
    }

    /// A reader for the value of `key` inside this node.
    ///
    /// - Parameters:
    ///   - node: The value node.
    ///   - key: The key it is stored under.
    /// - Returns: The reader, with the key appended to the key path.
    func child(_ node: Node, key: String) -> ConfigNodeReader {
        ConfigNodeReader(node: node, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)", file: file)
    }

    /// Reads the node as a mapping whose keys must all be among `allowedKeys`.
    ///
    /// - Parameter allowedKeys: The keys the schema allows here, in documentation order.
    /// - Returns: The mapping's entries.
    /// - Throws: `.wrongType` if the node is not a mapping or a key is not text; `.unknownKey` for a key
    ///   that is not allowed, suggesting the closest allowed key.
    func mapping(allowedKeys: [String]) throws(ConfigError) -> ConfigMappingReader {
        guard case .mapping(let mapping) = node else {
            throw error(.wrongType, "expected a mapping (indented 'key: value' lines), got \(summary).")
        }
        var entries: [ConfigMappingReader.Entry] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                let keyReader = ConfigNodeReader(node: keyNode, keyPath: keyPath, file: file)
                throw keyReader.error(.wrongType, "expected a plain key, got \(keyReader.summary).")
            }
            let key = scalar.string
            let keyReader = ConfigNodeReader(node: keyNode, keyPath: child(keyNode, key: key).keyPath, file: file)
            guard allowedKeys.contains(key) else {
                throw keyReader.error(.unknownKey, Self.unknownKeyMessage(key, allowedKeys: allowedKeys))
            }
            entries.append(ConfigMappingReader.Entry(key: key, keyReader: keyReader, value: child(valueNode, key: key)))
        }
        return ConfigMappingReader(reader: self, entries: entries)
    }

    /// Reads the node as a list.
    ///
    /// - Returns: A reader for each element, with `[index]` appended to the key path.
    /// - Throws: `.wrongType` if the node is not a list.
    func list() throws(ConfigError) -> [ConfigNodeReader] {
        guard case .sequence(let sequence) = node else {
            throw error(.wrongType, "expected a list ('- item' lines or [a, b]), got \(summary).")
        }
        return sequence.enumerated().map { index, element in
            ConfigNodeReader(node: element, keyPath: "\(keyPath)[\(index)]", file: file)
        }
    }

    /// Reads the node as text; any scalar other than an empty value counts.
    ///
    /// - Returns: The scalar's text.
    /// - Throws: `.wrongType` if the node is a mapping, a list or empty.
    func string() throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !isNull else {
            throw error(.wrongType, "expected text, got \(summary).")
        }
        return scalar.string
    }

    /// Reads the node as a yes-or-no value.
    ///
    /// - Returns: `true` for `true` or `yes`, `false` for `false` or `no` (any case).
    /// - Throws: `.wrongType` if the node is anything else.
    func bool() throws(ConfigError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(.wrongType, "expected true or false, got \(summary).")
        }
    }

    /// Reads the node as text that is not empty or blank.
    ///
    /// - Returns: The scalar's text, as written.
    /// - Throws: `.wrongType` if the node is not text; `.invalidValue` if the text is blank.
    func nonEmptyString() throws(ConfigError) -> String {
        let text = try string()
        guard !text.allSatisfy(\.isWhitespace) else {
            throw error(.invalidValue, "must not be empty.")
        }
        return text
    }

    /// Reads the node as an identifier: lowercase letters, digits, `_` and `-`.
    ///
    /// - Returns: The identifier.
    /// - Throws: `.wrongType` if the node is not text; `.invalidValue` if it has other characters.
    func identifier() throws(ConfigError) -> String {
        let text = try string()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        guard !text.isEmpty, text.allSatisfy(allowed.contains) else {
            throw error(
                .invalidValue,
                "expected an identifier of lowercase letters, digits, '_' and '-', got '\(text)'."
            )
        }
        return text
    }

    /// Reads the node as an integer within `range`.
    ///
    /// - Parameter range: The values allowed.
    /// - Returns: The integer.
    /// - Throws: `.wrongType` if the node is not an integer; `.invalidValue` if it is outside `range`.
    func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error(.wrongType, "expected \(expected), got \(summary).")
        }
        guard range.contains(value) else {
            throw error(.invalidValue, "expected \(expected), got \(value).")
        }
        return value
    }

    /// Reads the node as one of an enumeration's raw values.
    ///
    /// - Parameter type: The enumeration whose cases are the allowed words.
    /// - Returns: The matching case.
    /// - Throws: `.wrongType` if the node is not text; `.invalidValue` for a word that is not a case.
    func oneOf<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type
    ) throws(ConfigError) -> Value where Value.RawValue == String {
        let text = try string()
        if let value = Value(rawValue: text) {
            return value
        }
        let words = Value.allCases.map { "'\($0.rawValue)'" }
        throw error(.invalidValue, "expected \(Self.alternatives(words)), got '\(text)'.")
    }

    /// Reads the node as a list of non-empty strings.
    ///
    /// - Returns: The strings.
    /// - Throws: `.wrongType` if the node is not a list of text; `.invalidValue` for an empty element.
    func stringList() throws(ConfigError) -> [String] {
        var strings: [String] = []
        for element in try list() {
            strings.append(try element.nonEmptyString())
        }
        return strings
    }

    /// `'a' or 'b'`, `'a', 'b' or 'c'`.
    static func alternatives(_ words: [String]) -> String {
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }

    private static func unknownKeyMessage(_ key: String, allowedKeys: [String]) -> String {
        if let suggestion = ConfigKeySuggester.suggestion(for: key, among: allowedKeys) {
            return "unknown key '\(key)' (did you mean '\(suggestion)'?). Remove it or fix its spelling."
        }
        let known = allowedKeys.map { "'\($0)'" }.joined(separator: ", ")
        return "unknown key '\(key)'; the keys allowed here are \(known). Remove it or fix its spelling."
    }
}
