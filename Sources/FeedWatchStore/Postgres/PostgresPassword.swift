public import FeedWatchConfig
public import Foundation

/// Where a PostgreSQL role's password is read from: a file, or a systemd credential; never the URL.
///
/// The configuration (`database_password_file`, `database_password_credential`) and `feedwatch migrate`
/// (`--password-file`, `--password-credential`) read it the same way: the file's text without its trailing newline.
///
/// ```swift
/// let password = try PostgresPassword.credential("feedwatch-db-password").read(for: location)
/// ```
public enum PostgresPassword: Sendable, Equatable {
    /// No password: the server trusts the role (peer, trust or certificate authentication).
    case none
    /// A file holding the password.
    case file(String)
    /// A systemd credential (`LoadCredential=NAME:PATH`), read from `$CREDENTIALS_DIRECTORY/NAME`.
    case credential(String)

    /// Picks the source from a file and a credential, either of which may be absent (the file wins).
    ///
    /// - Parameters:
    ///   - file: The password file's path, if given.
    ///   - credential: The systemd credential's name, if given.
    public init(file: String?, credential: String?) {
        if let file {
            self = .file(file)
        } else if let credential {
            self = .credential(credential)
        } else {
            self = .none
        }
    }

    /// Reads the password.
    ///
    /// - Parameters:
    ///   - location: The database the password is for, named in errors.
    ///   - environment: Where `$CREDENTIALS_DIRECTORY` is read.
    /// - Returns: The password, or `nil` for ``none``.
    /// - Throws: ``StoreError`` with code `cannotOpen` when the file or the credential cannot be read.
    public func read(
        for location: PostgresLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> String? {
        let file: String
        switch self {
        case .none:
            return nil
        case .file(let path):
            file = path
        case .credential(let credential):
            guard let directory = environment["CREDENTIALS_DIRECTORY"] else {
                throw StoreError(
                    code: .cannotOpen,
                    database: location.description,
                    message: "the systemd credential '\(credential)' is not available ($CREDENTIALS_DIRECTORY is "
                        + "not set); add LoadCredential=\(credential):/path/to/password to the unit, or use "
                        + "a password file"
                )
            }
            file = directory + "/" + credential
        }
        let text: String
        do {
            text = String(decoding: try ConfigFileReader.secret(atPath: file), as: UTF8.self)
        } catch {
            throw StoreError(
                code: .cannotOpen,
                database: location.description,
                message: "cannot read the password file \(file): \(error.message)"
            )
        }
        return text.trimmingCharacters(in: .newlines)
    }
}
