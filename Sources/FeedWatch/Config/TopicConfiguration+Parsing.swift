internal import Yams

extension TopicConfiguration {
    /// The keys allowed in one entry of `topics`.
    static let configKeys = [
        "id", "name", "match", "exclude", "status", "min_sources", "confirm_window", "hold", "surge_window",
        "surge_min_items", "actor_min_mentions", "aliases",
    ]

    /// Reads the `topics` list.
    ///
    /// - Parameter reader: The list's node.
    /// - Returns: The topics, in file order.
    /// - Throws: A ``ConfigError`` for a bad entry, or `.duplicate` for an id used twice.
    static func parseList(_ reader: ConfigNodeReader) throws(ConfigError) -> [Self] {
        var topics: [TopicConfiguration] = []
        var firstLines: [String: Int] = [:]
        for element in try reader.list() {
            let mapping = try element.mapping(allowedKeys: configKeys)
            let idReader = try mapping.required("id", hint: "a short identifier such as ceasefire")
            let topic = try parse(mapping, id: try idReader.identifier())
            if let firstLine = firstLines[topic.id] {
                throw idReader.error(
                    .duplicate,
                    "the topic id '\(topic.id)' is already used at line \(firstLine). Give each topic its own id."
                )
            }
            firstLines[topic.id] = idReader.line
            topics.append(topic)
        }
        return topics
    }

    /// Reads one entry of `topics` once its id is known.
    ///
    /// - Parameters:
    ///   - mapping: The entry's keys.
    ///   - id: The topic's validated id.
    /// - Returns: The topic, located at its `match` value.
    /// - Throws: A ``ConfigError`` for a missing `match` or a bad value.
    private static func parse(_ mapping: ConfigMappingReader, id: String) throws(ConfigError) -> Self {
        let matchReader = try mapping.required("match", hint: "a query such as: ceasefire AND (talks OR truce)")
        return TopicConfiguration(
            id: id,
            name: try mapping.optional("name")?.nonEmptyString(),
            match: try matchReader.nonEmptyString(),
            exclude: try mapping.optional("exclude")?.nonEmptyString(),
            status: try mapping.optional("status")?.identifier(),
            location: matchReader.location,
            rules: try parseRules(mapping),
            aliases: try mapping.optional("aliases").map(parseAliases) ?? [:]
        )
    }

    /// Reads `aliases`: each canonical entity name with the list of other names it goes by.
    ///
    /// ```yaml
    /// aliases:
    ///   Israel Defense Forces: [IDF, Israeli army]
    /// ```
    ///
    /// - Parameter reader: The `aliases` node.
    /// - Returns: The canonical name of each alias.
    /// - Throws: A ``ConfigError`` when the node is not a mapping of names to lists of names.
    private static func parseAliases(_ reader: ConfigNodeReader) throws(ConfigError) -> [String: String] {
        guard case .mapping(let node) = reader.node else {
            throw reader.error(.wrongType, "expected a mapping of names to lists of aliases, got \(reader.summary).")
        }
        let names = Array(node.keys.compactMap(\.string))
        var aliases: [String: String] = [:]
        for entry in try reader.mapping(allowedKeys: names).entries {
            for alias in try entry.value.stringList() {
                aliases[alias] = entry.key
            }
        }
        return aliases
    }

    /// Reads a topic's change-detection keys, each optional.
    ///
    /// - Parameter mapping: The topic's keys.
    /// - Returns: The rules, defaults for the keys not given.
    /// - Throws: A ``ConfigError`` for a value of the wrong type or out of range.
    private static func parseRules(_ mapping: ConfigMappingReader) throws(ConfigError) -> TopicChangeRules {
        let defaults = TopicChangeRules()
        return TopicChangeRules(
            minSources: try mapping.optional("min_sources")?.int(in: 1...50) ?? defaults.minSources,
            confirmWindow: try mapping.optional("confirm_window")?.duration() ?? defaults.confirmWindow,
            hold: try mapping.optional("hold")?.duration() ?? defaults.hold,
            surgeWindow: try mapping.optional("surge_window")?.duration() ?? defaults.surgeWindow,
            surgeMinItems: try mapping.optional("surge_min_items")?.int(in: 1...10_000) ?? defaults.surgeMinItems,
            actorMinMentions: try mapping.optional("actor_min_mentions")?.int(in: 1...1_000)
                ?? defaults.actorMinMentions
        )
    }
}
