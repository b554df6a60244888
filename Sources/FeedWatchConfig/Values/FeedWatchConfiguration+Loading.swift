internal import Yams

extension FeedWatchConfiguration {
    /// The keys allowed at the top level of a configuration file.
    static let configKeys = [
        "database", "database_password_file", "database_password_credential", "database_timeout", "backfill", "poll",
        "feeds", "topics", "sinks", "http", "metrics", "retention",
    ]

    /// The database file used when the configuration names none, relative to the configuration's folder.
    public static let defaultDatabase = "feedwatch.sqlite"

    /// Reads and validates a configuration file.
    ///
    /// Relative paths in the file resolve against the file's folder; errors name the file as `path` is written.
    ///
    /// - Parameter path: The configuration file's path, absolute or relative to the working directory.
    /// - Returns: The validated configuration, with ``sourceFile`` set to the file's absolute path.
    /// - Throws: A ``ConfigError``: `.unreadable` with the operating system's reason when the file cannot be
    ///   read, otherwise any error ``parse(yaml:file:baseDirectory:)`` throws.
    public static func load(contentsOf path: String) throws(ConfigError) -> FeedWatchConfiguration {
        let text = try ConfigFileReader.contents(ofFile: path)
        let absolute = ConfigPathResolver(baseDirectory: ".").absolutePath(path)
        return try parse(yaml: text, file: path, baseDirectory: ConfigPathResolver.directory(of: absolute))
    }

    /// Parses and validates configuration text.
    ///
    /// - Parameters:
    ///   - yaml: The YAML text.
    ///   - file: The file's path as it should appear in errors; its last component, placed in `baseDirectory`,
    ///     becomes ``sourceFile``.
    ///   - baseDirectory: The folder relative paths resolve against, normally the file's folder.
    /// - Returns: The validated configuration, with every path absolute.
    /// - Throws: A ``ConfigError`` with the line, column and key path of the first problem found.
    public static func parse(
        yaml: String,
        file: String,
        baseDirectory: String
    ) throws(ConfigError) -> FeedWatchConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError.fromYAML(error, file: file)
        }
        let paths = ConfigPathResolver(baseDirectory: baseDirectory)
        guard let root, !ConfigNodeReader(node: root, keyPath: "", file: file).isNull else {
            throw ConfigError(
                code: .wrongType,
                file: file,
                line: 1,
                column: 1,
                message: "the file is empty; expected a mapping with keys such as 'feeds', 'topics' and 'sinks'."
            )
        }
        let reader = ConfigNodeReader(node: root, keyPath: "", file: file)
        guard reader.isMapping else {
            throw reader.error(
                .wrongType,
                "expected a mapping with keys such as 'feeds', 'topics' and 'sinks' at the top level, "
                    + "got \(reader.summary)."
            )
        }
        let mapping = try reader.mapping(allowedKeys: configKeys)
        var configuration = FeedWatchConfiguration(
            sourceFile: paths.absolutePath(ConfigPathResolver.lastComponent(of: file)),
            database: paths.absolutePath(defaultDatabase)
        )
        try configuration.parseDatabase(mapping, paths: paths)
        if let poll = mapping.optional("poll") {
            configuration.poll = try PollConfiguration.parse(poll)
        }
        if let retention = mapping.optional("retention") {
            configuration.retention = try RetentionConfiguration.parse(retention)
        }
        if let backfill = mapping.optional("backfill") {
            configuration.backfill = try backfill.oneOf(BackfillMode.self)
        }
        if let feeds = mapping.optional("feeds") {
            configuration.feeds = try FeedConfiguration.parseList(feeds, paths: paths)
        }
        if let topics = mapping.optional("topics") {
            configuration.topics = try TopicConfiguration.parseList(topics)
        }
        configuration.metrics = try MetricsConfiguration.parse(
            http: mapping.optional("http"),
            metrics: mapping.optional("metrics"),
            paths: paths
        )
        if let sinks = mapping.optional("sinks") {
            configuration.sinks = try SinkConfiguration.parseList(
                sinks,
                paths: paths,
                topics: configuration.topics.map(\.id)
            )
        }
        return configuration
    }
}
