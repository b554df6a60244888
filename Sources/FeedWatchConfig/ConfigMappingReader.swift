/// The entries of one YAML mapping in a configuration file, looked up by key.
struct ConfigMappingReader {
    /// One `key: value` pair.
    struct Entry {
        /// The key's text.
        let key: String
        /// A reader for the key itself, to locate errors about the key.
        let keyReader: ConfigNodeReader
        /// A reader for the value.
        let value: ConfigNodeReader
    }

    /// The reader for the mapping node itself.
    let reader: ConfigNodeReader
    /// The pairs, in file order.
    let entries: [Entry]

    /// The value stored under `key`, or `nil` when the key is absent or its value is empty.
    ///
    /// - Parameter key: The key.
    /// - Returns: A reader for the value.
    func optional(_ key: String) -> ConfigNodeReader? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    /// The value stored under `key`, which must be present and not empty.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - hint: What the key holds, for the error message, such as `the feed's address`.
    /// - Returns: A reader for the value.
    /// - Throws: `.missingKey`, at the key if it has no value, or else at the start of the mapping.
    func required(_ key: String, hint: String) throws(ConfigError) -> ConfigNodeReader {
        if let value = optional(key) {
            return value
        }
        if let entry = entries.first(where: { $0.key == key }) {
            throw entry.keyReader.error(.missingKey, "'\(key)' has no value; it must hold \(hint).")
        }
        let path = reader.keyPath.isEmpty ? key : "\(reader.keyPath).\(key)"
        throw ConfigError(
            code: .missingKey,
            file: reader.file,
            line: reader.line,
            column: reader.column,
            keyPath: path,
            message: "missing required key '\(key)' (\(hint))."
        )
    }

    /// Rejects keys that the mapping's schema knows but that do not apply in this case.
    ///
    /// - Parameters:
    ///   - allowed: The keys that apply.
    ///   - reason: Why a given key does not apply, such as `'format' applies only to log sinks`.
    /// - Throws: `.unknownKey` at the first key that is not in `allowed`.
    func rejectKeys(notIn allowed: Set<String>, reason: (String) -> String) throws(ConfigError) {
        if let entry = entries.first(where: { !allowed.contains($0.key) }) {
            throw entry.keyReader.error(
                .unknownKey,
                "unknown key '\(entry.key)' here: \(reason(entry.key)). Remove it."
            )
        }
    }
}
