import Foundation
import Testing

@Suite("systemd/feedwatch.service")
struct SystemdUnitTests {
    private static let unit = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("systemd/feedwatch.service").path

    private static let analyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: analyzer != nil, "systemd-analyze is not installed"))
    func securityExposureIsAtMostOnePointFive() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.analyzer))
        process.arguments = ["security", "--offline=true", Self.unit]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = try #require(text.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let figure = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(figure <= 1.5, "systemd-analyze rates the unit \(figure)")
    }

    @Test func unitUsesTheNotifyProtocolAndAWatchdog() throws {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        #expect(text.contains("\nType=notify\n"))
        #expect(text.contains("\nWatchdogSec="))
        #expect(text.contains("\nDynamicUser=yes\n"))
        #expect(text.contains("\nLoadCredential=webhook.key\n"))
    }
}
