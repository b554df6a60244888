import Foundation
import Logging
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchDaemon

/// The README's demo in a folder of its own: `Config/demo.yml` and its three feeds copied, with extra YAML
/// appended when asked, and its store filled by one poll cycle, as `make run` fills it.
final class DemoInstallation: Sendable {
    let directory: TemporaryDirectory
    /// The configuration file.
    let configPath: String
    let configuration: FeedWatchConfiguration

    /// The repository's `Config` folder.
    static func configFolder(from source: String = #filePath) -> URL {
        URL(fileURLWithPath: source).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config")
    }

    /// Copies the demo, appends `extraYAML` to its configuration, and runs one cycle over its feeds.
    ///
    /// - Parameters:
    ///   - extraYAML: YAML added at the end of the configuration.
    ///   - extraFeeds: More feed files (name, text), added to the demo's feed list.
    init(extraYAML: String = "", extraFeeds: [(name: String, text: String)] = []) async throws {
        directory = try TemporaryDirectory()
        let source = Self.configFolder()
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path + "/demo/feeds") {
            try directory.write(
                try String(contentsOfFile: source.path + "/demo/feeds/" + file, encoding: .utf8),
                to: "demo/feeds/" + file
            )
        }
        var yaml = try String(contentsOfFile: source.path + "/demo.yml", encoding: .utf8)
        for feed in extraFeeds {
            try directory.write(feed.text, to: "demo/feeds/" + feed.name)
            yaml = yaml.replacingOccurrences(
                of: "\nfeeds:\n",
                with: "\nfeeds:\n  - url: demo/feeds/\(feed.name)\n    name: \(feed.name)\n"
            )
        }
        configPath = try directory.write(yaml + extraYAML, to: "demo.yml")
        configuration = try FeedWatchConfiguration.load(contentsOf: configPath)
        let app = try await FeedWatchApplication(
            configuration: configuration,
            logger: Logger(label: "demo"),
            logLine: { _ in }
        )
        try await app.runOnce()
    }
}

/// The built `feedwatch` binary, run as a user runs it.
enum FeedWatchBinary {
    /// The executable `swift test` built beside the test bundle.
    static let path: String? = {
        let folder = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = folder.appendingPathComponent("feedwatch").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// What one run printed, and how it exited.
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the binary with `arguments`, its standard output a pipe.
    static func run(_ arguments: [String]) throws -> Outcome {
        try run(executable: try #require(path), arguments)
    }

    /// Runs the binary with `arguments` on a thread of its own, so that waiting for it does not hold a thread of the
    /// concurrency pool that an in-process loopback server needs to answer it.
    static func runAwaiting(_ arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(arguments) })
            }
        }
    }

    /// Runs `executable` (the binary, or a wrapper such as `setpriv` that runs it) with `arguments`.
    static func run(executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let logged = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: printed, as: UTF8.self),
            errors: String(decoding: logged, as: UTF8.self)
        )
    }
}

extension FeedWatchBinary {
    /// Runs a shell command line on a pseudo-terminal with `script`, so the program sees a terminal.
    static func run(viaScript command: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: printed, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
            errors: ""
        )
    }
}
