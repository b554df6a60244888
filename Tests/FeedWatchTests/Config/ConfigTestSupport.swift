import Foundation

@testable import FeedWatchConfig

/// Parses `yaml` as `config.yml` in `/srv/feedwatch`, without touching the file system.
///
/// - Parameter yaml: The configuration text.
/// - Returns: The configuration.
/// - Throws: The ``ConfigError`` parsing raised.
func parseConfig(_ yaml: String) throws(ConfigError) -> FeedWatchConfiguration {
    try FeedWatchConfiguration.parse(yaml: yaml, file: "config.yml", baseDirectory: "/srv/feedwatch")
}
