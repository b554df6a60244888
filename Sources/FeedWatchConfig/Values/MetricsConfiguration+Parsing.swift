import Foundation

extension MetricsConfiguration {
    /// The keys allowed in the `metrics` section.
    static let configKeys = ["listen"]

    /// Reads the `metrics` section: `listen: HOST:PORT` turns the listener on.
    ///
    /// - Parameter reader: The section's node.
    /// - Returns: The listener's address.
    /// - Throws: A ``ConfigError`` for an unknown key or an address that is not `HOST:PORT`.
    static func parse(_ reader: ConfigNodeReader) throws(ConfigError) -> MetricsConfiguration {
        let mapping = try reader.mapping(allowedKeys: configKeys)
        let listen = try mapping.required("listen", hint: "the address to listen on, such as \(defaultAddress)")
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
