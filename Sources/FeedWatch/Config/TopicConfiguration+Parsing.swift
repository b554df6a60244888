extension TopicConfiguration {
    /// The keys allowed in one entry of `topics`.
    static let configKeys = ["id", "name", "match", "exclude", "status"]

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
            location: matchReader.location
        )
    }
}
