/// A failure setting up or running an alert sink; `description` tells the user what to do.
public struct AlertError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String {
            case secretUnreadable, badTemplate, commandNotFound
        }

        private let kind: Kind

        /// A webhook's secret file is missing, unreadable or empty.
        public static let secretUnreadable = Code(kind: .secretUnreadable)

        /// A payload template is unknown, unreadable or does not parse.
        public static let badTemplate = Code(kind: .badTemplate)

        /// An exec sink's program does not exist or cannot be run.
        public static let commandNotFound = Code(kind: .commandNotFound)

        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The sink's name.
    public var sink: String
    /// What happened and what to do.
    public var message: String

    /// Creates an alert error.
    public init(code: Code, sink: String, message: String) {
        self.code = code
        self.sink = sink
        self.message = message
    }

    /// The sink's name and the message.
    public var description: String { "sink '\(sink)': \(message)" }
}
