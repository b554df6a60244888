import Foundation

/// Small checks on URLs written in a configuration file.
enum ConfigURL {
    /// The scheme of `text` (the letters before the first `:`), or `nil` if `text` has none and so is a path.
    ///
    /// - Parameter text: A URL or a path.
    /// - Returns: The scheme as written, such as `https` or `ftp`.
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(scheme)
    }

    /// Whether `text` parses as a URL with a non-empty host.
    ///
    /// - Parameter text: A URL.
    /// - Returns: `true` when it has a host.
    static func hasHost(_ text: String) -> Bool {
        guard let host = URLComponents(string: text)?.host else { return false }
        return !host.isEmpty
    }

    /// Whether `text` carries a user name or password (`https://user:secret@host/…`).
    ///
    /// - Parameter text: A URL.
    /// - Returns: `true` when it has user information.
    static func hasCredentials(_ text: String) -> Bool {
        guard let components = URLComponents(string: text) else { return false }
        return components.user != nil || components.password != nil
    }

    /// `text` with its user information replaced by `***`, for messages.
    ///
    /// - Parameter text: A URL.
    /// - Returns: The URL without its credentials.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), hasCredentials(text) else { return text }
        components.user = "***"
        components.password = nil
        return components.string ?? "(a URL with credentials)"
    }

    /// The error for a URL that carries credentials: they would show in logs, alerts and `feeds list`.
    static func credentialsMessage(_ text: String, instead: String) -> String {
        "the URL '\(redacted(text))' carries a user name or password, which would show in logs, alerts and "
            + "listings; remove it from the URL (\(instead))."
    }

    /// Whether `text` is an `http` or `https` URL with a host.
    ///
    /// - Parameter text: A URL.
    /// - Returns: `true` for a usable web URL.
    static func isWebURL(_ text: String) -> Bool {
        guard let scheme = scheme(of: text)?.lowercased(), scheme == "http" || scheme == "https" else {
            return false
        }
        return hasHost(text)
    }
}
