import Foundation

extension RetentionConfiguration {
    /// The keys allowed in the `retention` section.
    static let configKeys = ["items", "alerts", "max_items_per_feed"]

    /// Reads the `retention` section; a key left out keeps its default, `0` or `off` turns it off.
    ///
    /// - Parameter reader: The section's node.
    /// - Returns: The retention configuration.
    /// - Throws: A ``ConfigError`` for an unknown key, a bad value or one below the minimum.
    static func parse(_ reader: ConfigNodeReader) throws(ConfigError) -> RetentionConfiguration {
        let mapping = try reader.mapping(allowedKeys: configKeys)
        var retention = RetentionConfiguration()
        if let value = mapping.optional("items") {
            retention.items = try age(value, of: "items")
        }
        if let value = mapping.optional("alerts") {
            retention.alerts = try age(value, of: "alerts")
        }
        if let value = mapping.optional("max_items_per_feed") {
            if try isOff(value) {
                retention.maxItemsPerFeed = nil
            } else {
                retention.maxItemsPerFeed = try value.int(in: minimumItemsPerFeed...100_000_000)
            }
        }
        return retention
    }

    private static func isOff(_ reader: ConfigNodeReader) throws(ConfigError) -> Bool {
        let text = try reader.string().lowercased()
        return text == "off" || text == "0" || text == "false" || text == "no"
    }

    private static func age(_ reader: ConfigNodeReader, of what: String) throws(ConfigError) -> TimeInterval? {
        if try isOff(reader) { return nil }
        let seconds = try reader.duration()
        guard seconds >= minimumAge else {
            throw reader.error(
                .invalidValue,
                "keep \(what) at least 7d (the views show the last week), or write off to keep them for ever."
            )
        }
        return seconds
    }
}
