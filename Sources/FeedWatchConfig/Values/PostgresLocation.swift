public import Foundation

/// Where a PostgreSQL database lives, read from a `postgres://user@host:port/database` URL.
///
/// The URL never carries a password: it comes from a file or a systemd credential, so configuration files can be
/// shared and logged. Query parameters: `sslmode` (`disable`, `prefer`, the default, or `require`) and `schema`
/// (the schema feedwatch's tables live in, `public` by default).
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://feedwatch@db.internal:5432/feedwatch?sslmode=require")
/// ```
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain TCP otherwise.
        case prefer
        /// TLS, or no connection.
        case require
    }

    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The role feedwatch logs in as.
    public var user: String
    /// The database's name.
    public var database: String
    /// How the connection is encrypted.
    public var tls: TLSMode
    /// The schema feedwatch's tables live in; `nil` means the server's default search path.
    public var schema: String?

    /// The URL schemes that select PostgreSQL.
    public static let schemes = ["postgres", "postgresql"]

    /// Creates a location from its parts.
    public init(
        host: String,
        port: Int = 5432,
        user: String,
        database: String,
        tls: TLSMode = .prefer,
        schema: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.tls = tls
        self.schema = schema
    }

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0 + "://") }
    }

    /// Reads a `postgres://user@host:port/database?sslmode=…&schema=…` URL.
    ///
    /// The store opens a location with `init(url:)`, which reports the same failure as a store error.
    ///
    /// - Parameter url: The URL as configured.
    /// - Throws: ``InvalidURL`` naming what is missing or not allowed (a password, say).
    public init(parsing url: String) throws(InvalidURL) {
        func invalid(_ why: String) -> InvalidURL {
            InvalidURL(database: Self.redacted(url), message: why)
        }
        guard Self.isPostgresURL(url), let components = URLComponents(string: url) else {
            throw invalid("expected a URL like postgres://user@host:5432/database")
        }
        guard components.password == nil else {
            throw invalid(
                "the URL carries a password; remove it and set database_password_file or "
                    + "database_password_credential instead"
            )
        }
        guard let user = components.user, !user.isEmpty else {
            throw invalid("the URL names no user (postgres://USER@host/database)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("the URL names no host (postgres://user@HOST/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw invalid("the URL names no database (postgres://user@host/DATABASE)")
        }
        var tls = TLSMode.prefer
        var schema: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw invalid("sslmode must be one of disable, prefer, require")
                }
                tls = mode
            case "schema":
                guard let value = item.value, Self.isPlainIdentifier(value) else {
                    throw invalid("schema must be a plain identifier (letters, digits, underscores)")
                }
                schema = value
            default:
                throw invalid("unknown URL parameter '\(item.name)'; known: sslmode, schema")
            }
        }
        self.init(
            host: host,
            port: components.port ?? 5432,
            user: user.removingPercentEncoding ?? user,
            database: database.removingPercentEncoding ?? database,
            tls: tls,
            schema: schema
        )
    }

    /// `postgres://user@host:port/database`, for logs and errors (there is no password to leak).
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }

    /// Whether `name` can be used as an SQL identifier without quoting.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else {
            return false
        }
        return name.count <= 63
            && name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// The URL with any password replaced, for error messages about a URL that did not parse.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "REDACTED"
        return components.string ?? "postgres://…"
    }
}

extension PostgresLocation {
    /// Why a PostgreSQL URL cannot be used, without its secrets.
    public struct InvalidURL: Error, Sendable, CustomStringConvertible {
        /// The URL, with any password replaced.
        public var database: String
        /// What is missing or not allowed.
        public var message: String

        /// Creates the error.
        public init(database: String, message: String) {
            self.database = database
            self.message = message
        }

        /// The URL and what is wrong with it.
        public var description: String { "invalid PostgreSQL URL \(database): \(message)" }
    }
}
