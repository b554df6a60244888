public import FeedWatchConfig

extension PostgresLocation {
    /// Reads a `postgres://user@host:port/database?sslmode=…&schema=…` URL for the store to open.
    ///
    /// - Parameter url: The URL as configured.
    /// - Throws: ``StoreError`` with code `cannotOpen` naming what is missing or not allowed (a password, say).
    public init(url: String) throws(StoreError) {
        do {
            try self.init(parsing: url)
        } catch {
            throw StoreError(code: .cannotOpen, database: error.database, message: error.message)
        }
    }
}
