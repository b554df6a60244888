/// A problem with a configuration file, located as precisely as the file allows.
///
/// Its ``description`` reads like a compiler diagnostic, for example
/// `config.yml:3:13: poll.interval: expected a duration such as 90s, 15m, 2h or 1d, got 'soon'.`
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem a ``ConfigError`` reports.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case unreadable
            case syntax
            case unknownKey
            case wrongType
            case missingKey
            case invalidValue
            case duplicate
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// The file could not be read (missing, a folder, no permission, not UTF-8 text).
        public static let unreadable = Code(.unreadable)
        /// The file is not well-formed YAML.
        public static let syntax = Code(.syntax)
        /// A key that the schema does not know, often a typo.
        public static let unknownKey = Code(.unknownKey)
        /// A value of the wrong shape, such as a list where a number belongs.
        public static let wrongType = Code(.wrongType)
        /// A required key is absent or has no value.
        public static let missingKey = Code(.missingKey)
        /// A value of the right shape that is not acceptable, such as a zero interval.
        public static let invalidValue = Code(.invalidValue)
        /// A value that must be unique appears twice.
        public static let duplicate = Code(.duplicate)

        /// The code's name, such as `unknownKey`.
        public var description: String { kind.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The configuration file's path, as the user gave it.
    public var file: String
    /// The 1-based line of the offending text, if known.
    public var line: Int?
    /// The 1-based column of the offending text, if known.
    public var column: Int?
    /// Where in the configuration the problem is, such as `feeds[2].url`, if it is inside the tree.
    public var keyPath: String?
    /// A sentence saying what is wrong and, where possible, how to fix it.
    public var message: String

    /// Creates a configuration error.
    ///
    /// - Parameters:
    ///   - code: What kind of problem this is.
    ///   - file: The configuration file's path, as the user gave it.
    ///   - line: The 1-based line of the offending text, if known.
    ///   - column: The 1-based column of the offending text, if known.
    ///   - keyPath: Where in the configuration the problem is, such as `sinks[0].format`.
    ///   - message: A sentence saying what is wrong and how to fix it.
    public init(
        code: Code,
        file: String,
        line: Int? = nil,
        column: Int? = nil,
        keyPath: String? = nil,
        message: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// Creates a configuration error at a recorded location, for checks made after loading.
    ///
    /// - Parameters:
    ///   - code: What kind of problem this is.
    ///   - location: Where the offending value was written.
    ///   - keyPath: Where in the configuration the problem is, such as `topics[0].match`.
    ///   - message: A sentence saying what is wrong and how to fix it.
    public init(code: Code, location: ConfigLocation, keyPath: String? = nil, message: String) {
        self.init(
            code: code,
            file: location.file,
            line: location.line,
            column: location.column,
            keyPath: keyPath,
            message: message
        )
    }

    /// `file:line:column: keyPath: message`, leaving out the parts that are unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column {
                text += ":\(column)"
            }
        }
        if let keyPath, !keyPath.isEmpty {
            text += ": \(keyPath)"
        }
        return text + ": " + message
    }
}
