/// A failure of the store, with the database it concerns; `description` tells the user what to do.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String {
            case cannotOpen, migration, query, timeout, corruptValue, notEmpty, schemaMismatch, inUse
        }

        private let kind: Kind

        /// The database file could not be opened or created.
        public static let cannotOpen = Code(kind: .cannotOpen)
        /// The schema could not be brought up to date.
        public static let migration = Code(kind: .migration)
        /// A read or write failed.
        public static let query = Code(kind: .query)
        /// The database server did not answer in time (`database_timeout`).
        public static let timeout = Code(kind: .timeout)
        /// A stored value could not be decoded.
        public static let corruptValue = Code(kind: .corruptValue)
        /// `feedwatch migrate` found data in the database it was to copy into.
        public static let notEmpty = Code(kind: .notEmpty)
        /// `feedwatch migrate` found the source at another schema version than this feedwatch's.
        public static let schemaMismatch = Code(kind: .schemaMismatch)
        /// Another daemon holds the SQLite database (``SQLiteInstanceLock``).
        public static let inUse = Code(kind: .inUse)

        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The database's location.
    public var database: String
    /// The underlying error's words.
    public var message: String

    /// Creates a store error.
    public init(code: Code, database: String, message: String) {
        self.code = code
        self.database = database
        self.message = message
    }

    /// What happened and what to do about it.
    public var description: String {
        switch code {
        case .cannotOpen:
            "cannot open the database \(database): \(message). Check that its folder exists and is writable."
        case .migration:
            "cannot update the schema of \(database): \(message). Restore a backup or move the file away to start anew."
        case .timeout:
            "the database \(database) did not answer: \(message). Check that the server is running, reachable and not "
                + "overloaded; if it is merely slow, raise database_timeout."
        case .corruptValue:
            "the database \(database) holds a value feedwatch cannot read: \(message)."
        case .notEmpty:
            "cannot migrate into \(database): it already holds feedwatch data (\(message)). feedwatch migrate copies "
                + "into an empty database only, so a second run cannot duplicate or mix installations: give --to a "
                + "fresh database or schema (?schema=NAME), or empty this one once you are sure it holds nothing you need."
        case .schemaMismatch:
            "cannot migrate from \(database): \(message)."
        case .inUse:
            "cannot start on \(database): \(message). One daemon at a time uses an SQLite database: stop the other "
                + "one first (systemctl stop feedwatch), or point several instances at PostgreSQL instead."
        default:
            "database \(database): \(message)."
        }
    }
}
