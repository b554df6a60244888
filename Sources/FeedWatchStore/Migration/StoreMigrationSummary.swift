/// What `feedwatch migrate` copied: the rows of each table, and how long it took.
public struct StoreMigrationSummary: Sendable, Equatable {
    /// One copied table.
    public struct Table: Sendable, Equatable {
        /// The table's name.
        public var name: String
        /// How many rows were copied.
        public var rows: Int

        /// Creates a table's count.
        public init(name: String, rows: Int) {
            self.name = name
            self.rows = rows
        }
    }

    /// The SQLite file copied from.
    public var source: String
    /// The PostgreSQL database copied into (never with a password).
    public var destination: String
    /// The copied tables, in the order they were copied.
    public var tables: [Table]
    /// What was deliberately not copied, as shown to the user.
    public var skipped: [String]
    /// How long the copy took, from opening the source to the commit, in seconds.
    public var seconds: Double

    /// Creates a summary.
    public init(source: String, destination: String, tables: [Table], skipped: [String], seconds: Double) {
        self.source = source
        self.destination = destination
        self.tables = tables
        self.skipped = skipped
        self.seconds = seconds
    }

    /// The rows copied across all tables.
    public var totalRows: Int {
        tables.reduce(0) { $0 + $1.rows }
    }

    /// The rows copied per second of ``seconds``.
    public var rowsPerSecond: Double {
        seconds > 0 ? Double(totalRows) / seconds : Double(totalRows)
    }

    /// The rows copied into `table`, or 0 when it was not copied.
    public func rows(in table: String) -> Int {
        tables.first { $0.name == table }?.rows ?? 0
    }
}
