import FeedWatchCore

extension SinkConfiguration {
    /// The sink types and the keys each allows besides `type` and `name`.
    private static let typeKeys: [(type: String, keys: [String])] = [
        ("log", ["format"]),
        ("webhook", ["url", "secret_file", "secret_credential", "template", "template_file"]),
        ("exec", ["command", "timeout"]),
    ]

    /// The keys every sink type allows: routing and delivery limits.
    private static let ruleKeys = ["topics", "kinds", "max_attempts", "max_age"]

    /// Every key allowed in some entry of `sinks`.
    static let configKeys = ["type", "name"] + ruleKeys + typeKeys.flatMap(\.keys)

    /// Reads the `sinks` list, naming unnamed sinks after their type (`webhook`, then `webhook-2`, …).
    ///
    /// - Parameters:
    ///   - reader: The list's node.
    ///   - paths: Resolves relative `secret_file` paths.
    ///   - topics: The configured topics' ids, which a sink's `topics` may name (besides `feeds`).
    /// - Returns: The sinks, in file order, with unique names.
    /// - Throws: A ``ConfigError`` for a bad entry, or `.duplicate` for a name used twice.
    static func parseList(
        _ reader: ConfigNodeReader,
        paths: ConfigPathResolver,
        topics: [String] = []
    ) throws(ConfigError) -> [Self] {
        var parsed: [(sink: SinkConfiguration, nameReader: ConfigNodeReader?)] = []
        var explicitLines: [String: Int] = [:]
        for element in try reader.list() {
            var entry = try parse(element, paths: paths)
            entry.sink.rules = try parseRules(try element.mapping(allowedKeys: configKeys), topics: topics)
            if let nameReader = entry.nameReader {
                let name = entry.sink.name
                if let firstLine = explicitLines[name] {
                    throw nameReader.error(
                        .duplicate,
                        "the sink name '\(name)' is already used at line \(firstLine). Give each sink its own name."
                    )
                }
                explicitLines[name] = nameReader.line
            }
            parsed.append(entry)
        }
        var taken = Set(explicitLines.keys)
        return parsed.map { sink, nameReader in
            guard nameReader == nil else { return sink }
            let name = uniqueName(base: sink.name, taken: taken)
            taken.insert(name)
            return sink.renamed(name)
        }
    }

    /// Reads one entry of `sinks`.
    ///
    /// - Parameters:
    ///   - reader: The entry's node.
    ///   - paths: Resolves a relative `secret_file`.
    /// - Returns: The sink (named after its type when unnamed) and the reader of its `name`, if written.
    /// - Throws: A ``ConfigError`` for an unknown or misplaced key, a missing `type` or `url`, or a bad value.
    private static func parse(
        _ reader: ConfigNodeReader,
        paths: ConfigPathResolver
    ) throws(ConfigError) -> (sink: Self, nameReader: ConfigNodeReader?) {
        let mapping = try reader.mapping(allowedKeys: configKeys)
        let typeReader = try mapping.required("type", hint: "the kind of sink: log, webhook or exec")
        let type = try typeReader.string()
        guard let typeEntry = typeKeys.first(where: { $0.type == type }) else {
            let words = typeKeys.map { "'\($0.type)'" }
            throw typeReader.error(
                .invalidValue,
                "expected a sink type \(ConfigNodeReader.alternatives(words)), got '\(type)'."
            )
        }
        try mapping.rejectKeys(notIn: Set(["type", "name"] + ruleKeys + typeEntry.keys)) { key in
            let owners = typeKeys.filter { $0.keys.contains(key) }.map(\.type).joined(separator: " and ")
            return "'\(key)' applies to \(owners) sinks, not to \(type) sinks"
        }
        let nameReader = mapping.optional("name")
        let name = try nameReader?.nonEmptyString() ?? type
        if type == "log" {
            let format = try mapping.optional("format")?.oneOf(LogSinkConfiguration.Format.self) ?? .logfmt
            return (.log(LogSinkConfiguration(name: name, format: format)), nameReader)
        }
        if type == "exec" {
            let commandReader = try mapping.required("command", hint: "the program to run and its arguments, as a list")
            let command = try commandReader.stringList()
            guard let program = command.first, !program.isEmpty else {
                throw commandReader.error(.invalidValue, "the command list is empty; give the program to run first.")
            }
            let resolved = program.contains("/") ? paths.absolutePath(program) : program
            let timeout = try mapping.optional("timeout")?.duration() ?? 30
            let exec = ExecSinkConfiguration(name: name, command: [resolved] + command.dropFirst(), timeout: timeout)
            return (.exec(exec), nameReader)
        }
        let urlReader = try mapping.required("url", hint: "the http or https URL alerts are POSTed to")
        let url = try urlReader.nonEmptyString()
        guard ConfigURL.isWebURL(url) else {
            throw urlReader.error(
                .invalidValue,
                "expected an http:// or https:// URL with a host, got '\(ConfigURL.redacted(url))'."
            )
        }
        guard !ConfigURL.hasCredentials(url) else {
            throw urlReader.error(
                .invalidValue,
                ConfigURL.credentialsMessage(
                    url,
                    instead: "sign requests with secret_file or secret_credential instead"
                )
            )
        }
        let secretFile = try mapping.optional("secret_file")?.nonEmptyString()
        let credentialReader = mapping.optional("secret_credential")
        let secretCredential = try credentialReader?.nonEmptyString()
        if let credentialReader, secretFile != nil {
            throw credentialReader.error(.invalidValue, "give either 'secret_file' or 'secret_credential', not both.")
        }
        if let credentialReader, let secretCredential, secretCredential.contains("/") {
            throw credentialReader.error(
                .invalidValue,
                "a credential is named as in LoadCredential=NAME:PATH, without '/', got '\(secretCredential)'."
            )
        }
        let templateReader = mapping.optional("template")
        let template = try templateReader?.identifier()
        let templateFile = try mapping.optional("template_file")?.nonEmptyString()
        if let templateReader, templateFile != nil {
            throw templateReader.error(.invalidValue, "give either 'template' or 'template_file', not both.")
        }
        let webhook = WebhookSinkConfiguration(
            name: name,
            url: url,
            secretFile: secretFile.map(paths.absolutePath),
            secretCredential: secretCredential,
            template: template,
            templateFile: templateFile.map(paths.absolutePath)
        )
        return (.webhook(webhook), nameReader)
    }

    /// Reads the keys every sink allows: `topics`, `kinds`, `max_attempts` and `max_age`.
    ///
    /// - Parameters:
    ///   - mapping: The sink's keys.
    ///   - topics: The configured topics' ids.
    /// - Returns: The rules, defaults for the keys not given.
    /// - Throws: A ``ConfigError`` for an unknown topic or kind, or a bad limit.
    private static func parseRules(
        _ mapping: ConfigMappingReader,
        topics: [String]
    ) throws(ConfigError) -> SinkRules {
        var rules = SinkRules()
        if let reader = mapping.optional("topics") {
            let known = topics + [Alert.feedsTopic]
            var names: [String] = []
            for element in try reader.list() {
                let name = try element.nonEmptyString()
                guard known.contains(name) else {
                    let hint =
                        ConfigKeySuggester.suggestion(for: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                    throw element.error(
                        .invalidValue,
                        "no topic has the id '\(name)'\(hint); name topics from 'topics', or 'feeds' for feed-health "
                            + "alerts."
                    )
                }
                names.append(name)
            }
            rules.topics = names
        }
        if let reader = mapping.optional("kinds") {
            let routable = Alert.Kind.allCases.filter { $0 != .digest }
            var kinds: [Alert.Kind] = []
            for element in try reader.list() {
                let word = try element.nonEmptyString()
                guard let kind = routable.first(where: { $0.rawValue == word }) else {
                    let words = routable.map { "'\($0.rawValue)'" }
                    throw element.error(
                        .invalidValue,
                        "expected an alert kind \(ConfigNodeReader.alternatives(words)), got '\(word)'."
                    )
                }
                kinds.append(kind)
            }
            rules.kinds = kinds
        }
        if let reader = mapping.optional("max_attempts") {
            rules.maxAttempts = try reader.int(in: 1...1_000)
        }
        if let reader = mapping.optional("max_age") {
            rules.maxAge = try reader.duration()
        }
        return rules
    }

    /// `base` if free, else the first free one of `base-2`, `base-3`, ….
    private static func uniqueName(base: String, taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var number = 2
        while taken.contains("\(base)-\(number)") {
            number += 1
        }
        return "\(base)-\(number)"
    }

    /// This sink with another name.
    private func renamed(_ name: String) -> Self {
        switch self {
        case .log(var log):
            log.name = name
            return .log(log)
        case .webhook(var webhook):
            webhook.name = name
            return .webhook(webhook)
        case .exec(var exec):
            exec.name = name
            return .exec(exec)
        }
    }
}
