import Foundation
import Testing

@testable import FeedWatchAnalysis
@testable import FeedWatchConfig

@Suite("Loading configuration files")
struct FeedWatchConfigurationLoadingTests {
    @Test func loadResolvesPathsAgainstTheFilesFolder() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            """
            database: data/state.sqlite
            feeds:
              - feeds/wire.xml
            sinks:
              - type: webhook
                url: https://hooks.example.org/x
                secret_file: ../secret.key
            """,
            to: "conf/feedwatch.yml"
        )
        let configuration = try FeedWatchConfiguration.load(contentsOf: file)

        let folder = ConfigPathResolver.normalize(directory.path)
        #expect(configuration.sourceFile == folder + "/conf/feedwatch.yml")
        #expect(configuration.database == folder + "/conf/data/state.sqlite")
        #expect(configuration.feeds.map(\.url) == ["file://" + folder + "/conf/feeds/wire.xml"])
        guard case .webhook(let webhook) = configuration.sinks.first else {
            Issue.record("expected a webhook sink, got \(configuration.sinks)")
            return
        }
        #expect(webhook.secretFile == folder + "/secret.key")
    }

    @Test func loadErrorsNameTheFileAsGiven() throws {
        let directory = try TemporaryDirectory()
        try directory.write("backfill: loud\n", to: "bad.yml")
        let givenPath = directory.path + "/./bad.yml"

        let error = try #require(throws: ConfigError.self) {
            try FeedWatchConfiguration.load(contentsOf: givenPath)
        }

        #expect(error.file == givenPath)
        #expect(error.description == "\(givenPath):1:11: backfill: expected 'silent' or 'alert', got 'loud'.")
    }

    @Test func missingFileIsUnreadableWithOSReason() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/absent.yml"

        let error = try #require(throws: ConfigError.self) {
            try FeedWatchConfiguration.load(contentsOf: path)
        }

        #expect(error.code == .unreadable)
        #expect(error.line == nil)
        #expect(error.column == nil)
        #expect(error.description == "\(path): cannot read the configuration file: No such file or directory.")
    }

    @Test func folderIsUnreadable() throws {
        let directory = try TemporaryDirectory()

        let error = try #require(throws: ConfigError.self) {
            try FeedWatchConfiguration.load(contentsOf: directory.path)
        }

        #expect(error.code == .unreadable)
        #expect(error.message == "cannot read the configuration file: Is a directory.")
    }

    @Test func nonUTF8FileIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/latin1.yml"
        try Data([0x66, 0x65, 0x65, 0x64, 0x73, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: ConfigError.self) {
            try FeedWatchConfiguration.load(contentsOf: path)
        }

        #expect(error.code == .unreadable)
        #expect(error.message == "cannot read the configuration file: it is not UTF-8 text.")
    }

    @Test func emptyFileIsRejected() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("# only a comment\n", to: "empty.yml")

        let error = try #require(throws: ConfigError.self) {
            try FeedWatchConfiguration.load(contentsOf: path)
        }

        #expect(error.code == .wrongType)
        #expect(
            error.description
                == "\(path):1:1: the file is empty; expected a mapping with keys such as 'feeds', 'topics' and 'sinks'."
        )
    }

    @Test func exampleFileLoads() throws {
        let path = try Self.exampleFilePath()

        let configuration = try FeedWatchConfiguration.load(contentsOf: path)

        let folder = ConfigPathResolver.directory(of: path)
        #expect(configuration.database == folder + "/state/feedwatch.sqlite")
        #expect(configuration.feeds.count == 3)
        #expect(configuration.topics.map(\.id) == ["ceasefire-talks", "moon-launch"])
        #expect(configuration.topics.first?.status == "negotiation")
        #expect(configuration.topics.first?.rules == TopicChangeRules())
        #expect(configuration.topics.last?.states.map(\.name) == ["launched", "delayed", "preparing"])
        #expect(throws: Never.self) { try Analyzer(topics: configuration.topics) }
        #expect(configuration.sinks.map(\.name) == ["console", "newsroom", "team-chat"])
        #expect(configuration.metrics == MetricsConfiguration(host: "127.0.0.1", port: 9470))
        guard case .webhook(let webhook) = configuration.sinks[1] else {
            Issue.record("expected a webhook sink last, got \(configuration.sinks)")
            return
        }
        #expect(webhook.secretFile == folder + "/secrets/webhook.key")
    }

    /// Walks up from this source file to the package's `Config/feedwatch.example.yml`.
    private static func exampleFilePath(from source: String = #filePath) throws -> String {
        var folder = ConfigPathResolver.directory(of: source)
        while folder != "/" {
            let candidate = folder + "/Config/feedwatch.example.yml"
            if FileManager.default.fileExists(atPath: candidate) {
                return candidate
            }
            folder = ConfigPathResolver.directory(of: folder)
        }
        throw ConfigError(
            code: .unreadable,
            file: "Config/feedwatch.example.yml",
            message: "not found in any folder above \(source)."
        )
    }
}
