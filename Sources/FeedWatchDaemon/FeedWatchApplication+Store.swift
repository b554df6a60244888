public import FeedWatchConfig
public import FeedWatchStore
public import Foundation
public import Logging

extension FeedWatchApplication {
    /// Opens the store a configuration names: ``PostgresStore`` for a `postgres://` URL (with its password read
    /// from `database_password_file` or the systemd credential `database_password_credential`), ``SQLiteStore``
    /// for a path.
    ///
    /// - Parameters:
    ///   - configuration: A validated configuration.
    ///   - logger: The root logger; the store logs under it with the database's URL (never a password).
    ///   - environment: Where `$CREDENTIALS_DIRECTORY` is read.
    /// - Returns: The open store, its schema up to date.
    /// - Throws: ``StoreError`` when the password cannot be read or the database cannot be opened or migrated.
    public static func openStore(
        _ configuration: FeedWatchConfiguration,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(StoreError) -> any Store {
        guard PostgresLocation.isPostgresURL(configuration.database) else {
            return try SQLiteStore(path: configuration.database)
        }
        let location = try PostgresLocation(url: configuration.database)
        let password = try PostgresPassword(
            file: configuration.databasePasswordFile,
            credential: configuration.databasePasswordCredential
        ).read(for: location, environment: environment)
        var storeLogger = logger
        storeLogger[metadataKey: "db.url"] = "\(location)"
        return try await PostgresStore(
            location: location,
            password: password,
            timeout: .milliseconds(Int64((configuration.databaseTimeout * 1000).rounded())),
            logger: storeLogger
        )
    }
}

extension FeedWatchApplication {
    /// Makes sure this is the only daemon on the configuration's SQLite database, for `feedwatch run` (and
    /// `run --once`): the returned lock must be kept for as long as the daemon runs. A PostgreSQL store takes no
    /// lock, since several instances share one by design.
    ///
    /// - Parameter configuration: A validated configuration.
    /// - Returns: The held lock, or `nil` for a PostgreSQL store.
    /// - Throws: ``StoreError`` with code ``StoreError/Code/inUse`` naming the running daemon's pid, or
    ///   ``StoreError/Code/cannotOpen`` when the lock file cannot be created.
    public static func lockDatabase(_ configuration: FeedWatchConfiguration) throws(StoreError) -> SQLiteInstanceLock? {
        guard !PostgresLocation.isPostgresURL(configuration.database) else { return nil }
        return try SQLiteInstanceLock(database: configuration.database)
    }
}
