import Foundation

extension MetricsConfiguration {
    /// The keys allowed in the `metrics` section (kept for configurations written before `http`).
    static let configKeys = ["listen"]
    /// The keys allowed in the `http` section.
    static let httpKeys = ["listen", "password_file", "password_credential", "user"]

    /// Reads the listener's section: `http` (or the older `metrics`, which takes only `listen`).
    ///
    /// - Parameters:
    ///   - http: The `http` section, if present.
    ///   - metrics: The `metrics` section, if present.
    ///   - paths: Resolves a relative `password_file`.
    /// - Returns: The listener's settings, or `nil` when neither section is present (no listener).
    /// - Throws: A ``ConfigError`` for both sections at once, an unknown key, an address that is not
    ///   `HOST:PORT`, both password sources, or an address other machines can reach without a password.
    static func parse(http: ConfigNodeReader?, metrics: ConfigNodeReader?, paths: ConfigPathResolver)
        throws(ConfigError) -> MetricsConfiguration?
    {
        if let http, metrics != nil {
            throw http.error(.invalidValue, "give the listener in 'http' only; 'metrics' is its older name.")
        }
        if let metrics {
            let mapping = try metrics.mapping(allowedKeys: configKeys)
            var configuration = try parse(
                listen: try mapping.required("listen", hint: "the address to listen on, such as \(defaultAddress)")
            )
            configuration.servesDashboard = configuration.isLoopback
            return configuration
        }
        guard let http else { return nil }
        let mapping = try http.mapping(allowedKeys: httpKeys)
        var configuration = try parse(
            listen: try mapping.required("listen", hint: "the address to listen on, such as \(defaultAddress)")
        )
        let fileReader = mapping.optional("password_file")
        let credentialReader = mapping.optional("password_credential")
        if let credentialReader, fileReader != nil {
            throw credentialReader.error(
                .invalidValue,
                "give either 'password_file' or 'password_credential', not both."
            )
        }
        if let fileReader {
            configuration.passwordFile = paths.absolutePath(try fileReader.nonEmptyString())
        }
        if let credentialReader {
            configuration.passwordCredential = try credentialReader.nonEmptyString()
        }
        if let credentialReader, configuration.passwordCredential?.contains("/") == true {
            throw credentialReader.error(
                .invalidValue,
                "a credential is named as in LoadCredential=NAME:PATH, without '/', got "
                    + "'\(configuration.passwordCredential ?? "")'."
            )
        }
        if let user = mapping.optional("user") {
            configuration.user = try user.nonEmptyString()
        }
        if !configuration.isLoopback, configuration.passwordFile == nil, configuration.passwordCredential == nil {
            throw http.error(
                .invalidValue,
                "the listener on \(configuration.host) can be reached from other machines, so it needs a password: "
                    + "add 'password_file: /etc/feedwatch/http-password' (or 'password_credential: NAME'), or "
                    + "listen on 127.0.0.1."
            )
        }
        return configuration
    }

    /// Reads `listen: HOST:PORT`.
    private static func parse(listen: ConfigNodeReader) throws(ConfigError) -> MetricsConfiguration {
        let text = try listen.nonEmptyString()
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port), colon != text.startIndex
        else {
            throw listen.error(.invalidValue, "expected HOST:PORT such as \(defaultAddress), got '\(text)'.")
        }
        let host = String(text[..<colon]).trimmingCharacters(in: ["[", "]"])
        return MetricsConfiguration(host: host, port: port)
    }
}
