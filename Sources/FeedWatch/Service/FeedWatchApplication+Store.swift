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
    ) throws(StoreError) -> any Store {
        guard PostgresLocation.isPostgresURL(configuration.database) else {
            return try SQLiteStore(path: configuration.database)
        }
        let location = try PostgresLocation(url: configuration.database)
        let password = try databasePassword(configuration, location: location, environment: environment)
        var storeLogger = logger
        storeLogger[metadataKey: "db.url"] = "\(location)"
        return try PostgresStore(location: location, password: password, logger: storeLogger)
    }

    private static func databasePassword(
        _ configuration: FeedWatchConfiguration,
        location: PostgresLocation,
        environment: [String: String]
    ) throws(StoreError) -> String? {
        let file: String
        if let path = configuration.databasePasswordFile {
            file = path
        } else if let credential = configuration.databasePasswordCredential {
            guard let directory = environment["CREDENTIALS_DIRECTORY"] else {
                throw StoreError(
                    code: .cannotOpen,
                    database: location.description,
                    message: "the systemd credential '\(credential)' is not available ($CREDENTIALS_DIRECTORY is "
                        + "not set); add LoadCredential=\(credential):/path/to/password to the unit, or use "
                        + "database_password_file"
                )
            }
            file = directory + "/" + credential
        } else {
            return nil
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw StoreError(
                code: .cannotOpen,
                database: location.description,
                message: "cannot read the password file \(file)"
            )
        }
        return text.trimmingCharacters(in: .newlines)
    }
}
