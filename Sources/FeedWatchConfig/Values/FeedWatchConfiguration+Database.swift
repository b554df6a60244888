extension FeedWatchConfiguration {
    /// Reads `database` (an SQLite path or a PostgreSQL URL) and the password and timeout settings a URL may come
    /// with.
    mutating func parseDatabase(_ mapping: ConfigMappingReader, paths: ConfigPathResolver) throws(ConfigError) {
        let databaseReader = mapping.optional("database")
        let database = try databaseReader?.nonEmptyString() ?? Self.defaultDatabase
        let fileReader = mapping.optional("database_password_file")
        let credentialReader = mapping.optional("database_password_credential")
        let passwordFile = try fileReader?.nonEmptyString()
        let passwordCredential = try credentialReader?.nonEmptyString()
        let timeoutReader = mapping.optional("database_timeout")
        let timeout = try timeoutReader?.duration()
        guard let databaseReader, PostgresLocation.isPostgresURL(database) else {
            if let reader = fileReader ?? credentialReader {
                throw reader.error(
                    .invalidValue,
                    "a password is only used with a PostgreSQL database (database: postgres://user@host/name); "
                        + "an SQLite file needs none."
                )
            }
            if let timeoutReader {
                throw timeoutReader.error(
                    .invalidValue,
                    "database_timeout is only used with a PostgreSQL database (database: postgres://user@host/name); "
                        + "an SQLite file waits for its write lock for a fixed 5 s."
                )
            }
            self.database = paths.absolutePath(database)
            return
        }
        do {
            _ = try PostgresLocation(parsing: database)
        } catch {
            throw databaseReader.error(.invalidValue, "\(error.message).")
        }
        if let credentialReader, passwordFile != nil {
            throw credentialReader.error(
                .invalidValue,
                "give either 'database_password_file' or 'database_password_credential', not both."
            )
        }
        if let credentialReader, let passwordCredential, passwordCredential.contains("/") {
            throw credentialReader.error(
                .invalidValue,
                "a credential is named as in LoadCredential=NAME:PATH, without '/', got '\(passwordCredential)'."
            )
        }
        self.database = database
        databasePasswordFile = passwordFile.map(paths.absolutePath)
        databasePasswordCredential = passwordCredential
        databaseTimeout = timeout ?? Self.defaultDatabaseTimeout
    }
}
