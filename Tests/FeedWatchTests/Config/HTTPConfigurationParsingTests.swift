import Testing

@testable import FeedWatchConfig

/// The `http` section: where the listener (dashboard, Atom feed, metrics, health) listens, and its password.
@Suite("Configuration: the HTTP listener")
struct HTTPConfigurationParsingTests {
    @Test func httpListenGivesHostAndPortAndServesTheDashboard() throws {
        let listener = try #require(try parseConfig("http:\n  listen: 127.0.0.1:9470\n").metrics)

        #expect(listener.host == "127.0.0.1")
        #expect(listener.port == 9470)
        #expect(listener.servesDashboard)
        #expect(listener.passwordFile == nil)
    }

    @Test func aListenerOtherMachinesCanReachNeedsAPassword() throws {
        let error = #expect(throws: ConfigError.self) { try parseConfig("http:\n  listen: 0.0.0.0:9470\n") }

        #expect(error?.code == .invalidValue)
        #expect(error?.keyPath == "http")
        #expect(error?.message.contains("needs a password") == true)
        #expect(error?.message.contains("password_file") == true)
    }

    @Test func aPasswordFileResolvesAgainstTheConfigurationsFolder() throws {
        let listener = try #require(
            try parseConfig("http:\n  listen: 0.0.0.0:9470\n  password_file: secrets/http\n  user: analyst\n").metrics
        )

        #expect(listener.passwordFile == "/srv/feedwatch/secrets/http")
        #expect(listener.user == "analyst")
        #expect(!listener.isLoopback)
    }

    @Test func aPasswordCredentialIsNamedWithoutASlash() throws {
        let listener = try #require(
            try parseConfig("http:\n  listen: '[::]:9470'\n  password_credential: http-password\n").metrics
        )
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("http:\n  listen: '[::]:9470'\n  password_credential: a/b\n")
        }

        #expect(listener.passwordCredential == "http-password")
        #expect(error?.keyPath == "http.password_credential")
    }

    @Test func bothPasswordSourcesAreAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("http:\n  listen: 127.0.0.1:9470\n  password_file: /a\n  password_credential: b\n")
        }

        #expect(error?.message.contains("not both") == true)
    }

    @Test func theOlderMetricsSectionIsStillAcceptedButServesTheDashboardOnlyOnLoopback() throws {
        let local = try #require(try parseConfig("metrics:\n  listen: 127.0.0.1:9470\n").metrics)
        let exposed = try #require(try parseConfig("metrics:\n  listen: 0.0.0.0:9470\n").metrics)

        #expect(local.servesDashboard)
        #expect(!exposed.servesDashboard)
    }

    @Test func bothSectionsAtOnceAreAnError() throws {
        let error = #expect(throws: ConfigError.self) {
            try parseConfig("http:\n  listen: 127.0.0.1:9470\nmetrics:\n  listen: 127.0.0.1:9471\n")
        }

        #expect(error?.message.contains("'metrics' is its older name") == true)
    }
}
