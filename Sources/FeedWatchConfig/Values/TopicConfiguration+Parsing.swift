import FeedWatchCore
import Foundation
internal import Yams

extension TopicConfiguration {
    /// The keys allowed in one entry of `topics`.
    static let configKeys = [
        "id", "name", "match", "exclude", "status", "min_sources", "confirm_window", "hold", "surge_window",
        "surge_min_items", "actor_min_mentions", "aliases", "states", "cooldown", "digest", "objects",
        "headline_confirms",
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
        var topic = TopicConfiguration(
            id: id,
            name: try mapping.optional("name")?.nonEmptyString(),
            match: try query(matchReader, role: "match query"),
            exclude: try mapping.optional("exclude").map { reader throws(ConfigError) in
                try query(reader, role: "exclude query")
            },
            status: try mapping.optional("status")?.identifier(),
            location: matchReader.location,
            rules: try parseRules(mapping),
            aliases: try mapping.optional("aliases").map(parseAliases) ?? [:],
            states: try parseStates(mapping)
        )
        topic.grouping = try parseGrouping(mapping)
        topic.objects = try mapping.optional("objects")?.stringList() ?? []
        return topic
    }

    /// Reads a query, refusing what the query language would quietly read as plain words (``TopicQueryLint``).
    private static func query(_ reader: ConfigNodeReader, role: String) throws(ConfigError) -> String {
        let query = try reader.nonEmptyString()
        if let problem = TopicQueryLint.problem(in: query, role: role) {
            throw reader.error(.invalidValue, problem)
        }
        return query
    }

    /// Reads `cooldown` or `digest`, which batch the topic's alerts for delivery.
    ///
    /// - Parameter mapping: The topic's keys.
    /// - Returns: The grouping; ``AlertGrouping/immediate`` when neither key is given.
    /// - Throws: A ``ConfigError`` for a bad duration, or both keys given.
    private static func parseGrouping(_ mapping: ConfigMappingReader) throws(ConfigError) -> AlertGrouping {
        let cooldown = mapping.optional("cooldown")
        let digest = mapping.optional("digest")
        if let cooldown, digest != nil {
            throw cooldown.error(
                .invalidValue,
                "a topic takes either 'cooldown' (first alert at once, the next ones batched) or 'digest' (every "
                    + "alert batched), not both."
            )
        }
        if let cooldown { return .cooldown(seconds: try cooldown.duration()) }
        if let digest { return .digest(seconds: try digest.duration()) }
        return .immediate
    }

    /// The keys of one user-defined state.
    static let stateKeys = ["name", "cues", "generic"]

    /// Reads `states`: the topic's own states, highest priority first, each with its cue phrases.
    ///
    /// ```yaml
    /// states:
    ///   - name: launched
    ///     cues: [launched, went live, lifted off]
    ///   - name: delayed
    ///     cues: [delayed, postponed, scrubbed]
    ///   - name: preparing
    ///     cues: [countdown, rollout, fuelling]
    ///     generic: true
    /// ```
    ///
    /// - Parameter mapping: The topic's keys.
    /// - Returns: The states; empty when the key is absent.
    /// - Throws: A ``ConfigError`` for a malformed state, a state named twice, or `states` given with `status`.
    private static func parseStates(_ mapping: ConfigMappingReader) throws(ConfigError) -> [TopicStatus] {
        guard let reader = mapping.optional("states") else {
            return []
        }
        if mapping.optional("status") != nil {
            throw reader.error(
                .invalidValue,
                "a topic takes either a status preset or its own states; remove 'status' or 'states'."
            )
        }
        var states: [TopicStatus] = []
        for element in try reader.list() {
            let state = try element.mapping(allowedKeys: stateKeys)
            let nameReader = try state.required("name", hint: "the state's name, such as launched")
            let name = try nameReader.identifier()
            if states.contains(where: { $0.name == name }) {
                throw nameReader.error(
                    .duplicate,
                    "the state '\(name)' is defined twice. Give each state its own name."
                )
            }
            let cues = try state.required("cues", hint: "a list of cue phrases, such as [launched, went live]")
                .stringList()
            var generic = false
            if let genericReader = state.optional("generic") {
                switch try genericReader.string() {
                case "true": generic = true
                case "false": generic = false
                case let other:
                    throw genericReader.error(.invalidValue, "expected true or false, got '\(other)'.")
                }
            }
            states.append(TopicStatus(name: name, cues: cues, isGeneric: generic))
        }
        guard !states.isEmpty else {
            throw reader.error(.invalidValue, "'states' is empty; list at least one state with its cues.")
        }
        return states
    }

    /// Reads `aliases`: other names of entities, in either of two shapes, mixed freely.
    ///
    /// ```yaml
    /// aliases:
    ///   Israel Defense Forces: [IDF, Israeli army]   # a canonical name with a list of its other names
    ///   Islamic Resistance Movement: Hamas           # one other name with its canonical name
    /// ```
    ///
    /// - Parameter reader: The `aliases` node.
    /// - Returns: The canonical name of each alias.
    /// - Throws: A ``ConfigError`` when the node is not a mapping, a value is neither a name nor a list of names,
    ///   or one alias is given two canonical names.
    private static func parseAliases(_ reader: ConfigNodeReader) throws(ConfigError) -> [String: String] {
        guard case .mapping(let node) = reader.node else {
            throw reader.error(
                .wrongType,
                "expected a mapping of names, such as {IDF: Israel Defense Forces} or "
                    + "{Israel Defense Forces: [IDF, Israeli army]}, got \(reader.summary)."
            )
        }
        let names = Array(node.keys.compactMap(\.string))
        var aliases: [String: String] = [:]
        for entry in try reader.mapping(allowedKeys: names).entries {
            let pairs: [(alias: String, canonical: String, reader: ConfigNodeReader)]
            switch entry.value.node {
            case .sequence:
                pairs = try entry.value.list().map { (element) throws(ConfigError) in
                    (try element.nonEmptyString(), entry.key, element)
                }
            case .scalar where !entry.value.isNull:
                pairs = [(entry.key, try entry.value.nonEmptyString(), entry.value)]
            default:
                throw entry.value.error(
                    .wrongType,
                    "expected the canonical name ('\(entry.key): Full Name') or a list of other names "
                        + "('\(entry.key): [Other, Names]'), got \(entry.value.summary)."
                )
            }
            for pair in pairs {
                if let earlier = aliases[pair.alias], earlier != pair.canonical {
                    throw pair.reader.error(
                        .duplicate,
                        "'\(pair.alias)' is already an alias of '\(earlier)'; give each alias one canonical name."
                    )
                }
                aliases[pair.alias] = pair.canonical
            }
        }
        return aliases
    }

    /// Reads `surge_window`: one duration (`30m`) or a list of them (`[1h, 6h, 24h]`).
    ///
    /// - Parameter reader: The value, or `nil` when the key is absent.
    /// - Returns: The windows, or `nil` when the key is absent.
    /// - Throws: A ``ConfigError`` for a value that is not a duration or a list of durations.
    private static func parseSurgeWindows(_ reader: ConfigNodeReader?) throws(ConfigError) -> [TimeInterval]? {
        guard let reader else {
            return nil
        }
        guard reader.isList else {
            return [try reader.duration()]
        }
        var windows: [TimeInterval] = []
        for element in try reader.list() {
            windows.append(try element.duration())
        }
        guard !windows.isEmpty else {
            throw reader.error(.invalidValue, "give at least one window, such as [1h, 6h, 24h].")
        }
        return windows
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
            surgeWindows: try parseSurgeWindows(mapping.optional("surge_window")) ?? defaults.surgeWindows,
            surgeMinItems: try mapping.optional("surge_min_items")?.int(in: 1...10_000) ?? defaults.surgeMinItems,
            actorMinMentions: try mapping.optional("actor_min_mentions")?.int(in: 1...1_000)
                ?? defaults.actorMinMentions,
            headlineConfirms: try mapping.optional("headline_confirms")?.bool() ?? defaults.headlineConfirms
        )
    }
}
