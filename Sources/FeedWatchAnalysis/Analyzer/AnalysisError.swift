public import FeedWatchConfig

/// Why the analysis stage refused a topic configuration.
///
/// The ``description`` says what is wrong and what to do about it, prefixed with the configuration location and
/// the topic when they are known, for example
/// `Config/demo.yml:14:12: topic 'ceasefire': the match query has an unclosed parenthesis at column 9; add the
/// missing ')'`.
public struct AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem an ``AnalysisError`` reports.
    public struct Code: Sendable, Equatable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case invalidQuery
            case unknownStatusPreset
            case duplicateTopic
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// A `match` or `exclude` query has a syntax error.
        public static let invalidQuery = Code(.invalidQuery)
        /// A topic names a status preset that does not exist.
        public static let unknownStatusPreset = Code(.unknownStatusPreset)
        /// Two topics share one id.
        public static let duplicateTopic = Code(.duplicateTopic)

        /// The code's name, for example `invalidQuery`.
        public var description: String { value.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The id of the topic concerned, when the error is about a configured topic.
    public var topic: String?
    /// Where the topic was written, when known.
    public var location: ConfigLocation?
    /// The 1-based column in the query where a syntax error was found, for ``Code/invalidQuery``.
    public var column: Int?
    /// What is wrong and what to do, without the location and topic prefix.
    public var message: String

    /// Creates an analysis error.
    ///
    /// - Parameters:
    ///   - code: What kind of problem this is.
    ///   - message: What is wrong and what to do, without the location and topic prefix.
    ///   - topic: The id of the topic concerned, if any.
    ///   - location: Where the topic was written, if known.
    ///   - column: The 1-based column of a query syntax error, if any.
    public init(
        code: Code,
        message: String,
        topic: String? = nil,
        location: ConfigLocation? = nil,
        column: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.topic = topic
        self.location = location
        self.column = column
    }

    /// The message, prefixed with `file:line:column: ` and `topic 'id': ` when those are known.
    public var description: String {
        var text = ""
        if let location {
            text += "\(location): "
        }
        if let topic {
            text += "topic '\(topic)': "
        }
        return text + message
    }
}
