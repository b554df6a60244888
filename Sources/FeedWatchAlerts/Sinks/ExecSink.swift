public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command for each alert with the alert's JSON on its standard input (like feed2exec).
///
/// The command runs with a minimal environment: ``inheritedVariables`` from the daemon's (`PATH`, `HOME`, the
/// locale and time zone; never `CREDENTIALS_DIRECTORY` or any other secret the daemon was given) and
/// `FEEDWATCH_ALERT_ID`, `FEEDWATCH_TOPIC` and `FEEDWATCH_KIND`. The alert's file is readable by the daemon's user
/// only, and the command's standard error is read while it runs (its first line explains a failure), so a
/// talkative command cannot stall on a full pipe. Exit status 0 means delivered; any other status, or running longer
/// than the timeout (the command is then stopped), is retried later (it and its children get SIGTERM, then SIGKILL
/// two seconds on).
public struct ExecSink: AlertSink {
    public let name: String
    private let executable: String
    private let arguments: [String]
    private let timeout: TimeInterval
    private let environment: [String: String]

    /// The variables a command inherits from the daemon's environment.
    public static let inheritedVariables = [
        "PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "USER", "LOGNAME",
    ]

    /// Creates an exec sink, finding its program.
    ///
    /// - Parameters:
    ///   - configuration: The sink's name, command and timeout.
    ///   - environment: The daemon's environment, of which only ``inheritedVariables`` reach the command.
    /// - Throws: ``AlertError`` when the program does not exist or is not executable.
    public init(
        configuration: ExecSinkConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AlertError) {
        name = configuration.name
        self.environment = environment.filter { Self.inheritedVariables.contains($0.key) }
        arguments = Array(configuration.command.dropFirst())
        timeout = configuration.timeout
        let program = configuration.command.first ?? ""
        guard let found = Self.locate(program) else {
            throw AlertError(
                code: .commandNotFound,
                sink: configuration.name,
                message: "cannot run '\(program)': no such executable file (in $PATH or at that path)"
            )
        }
        executable = found
    }

    public func deliver(_ alert: Alert) async -> DeliveryOutcome {
        let process = Process()
        if let watchdog = Self.timeoutProgram {
            // coreutils' timeout runs the command in a process group of its own and stops the whole group, so a
            // shell script's children go too.
            process.executableURL = URL(fileURLWithPath: watchdog)
            process.arguments = ["--kill-after=2", String(format: "%.3f", timeout), executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        var environment = self.environment
        environment["FEEDWATCH_ALERT_ID"] = alert.id
        environment["FEEDWATCH_TOPIC"] = alert.topic
        environment["FEEDWATCH_KIND"] = alert.kind.rawValue
        process.environment = environment
        // The alert reaches standard input from a file, not a pipe: a command that exits without reading it
        // cannot then raise SIGPIPE in feedwatch.
        let inputFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedwatch-alert-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let input: FileHandle
        do {
            guard
                FileManager.default.createFile(
                    atPath: inputFile.path,
                    contents: AlertPayload.json(alert),
                    attributes: [.posixPermissions: 0o600]
                )
            else {
                throw CocoaError(.fileWriteUnknown)
            }
            input = try FileHandle(forReadingFrom: inputFile)
        } catch {
            return .retry(reason: "cannot write the alert for \(executable): \(error.localizedDescription)", after: nil)
        }
        defer { try? input.close() }
        let errors = Pipe()
        let firstErrors = StandardErrorHead(limit: 300)
        // Drained as it comes: a command that writes more than a pipe holds would otherwise block until stopped.
        errors.fileHandleForReading.readabilityHandler = { handle in firstErrors.append(handle.availableData) }
        defer {
            errors.fileHandleForReading.readabilityHandler = nil
            try? errors.fileHandleForReading.close()
        }
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let exit = ProcessExit()
        process.terminationHandler = { _ in exit.signal() }
        do {
            try process.run()
        } catch {
            return .retry(reason: "cannot start \(executable): \(error.localizedDescription)", after: nil)
        }
        let finished = await exit.exited(within: timeout + 5)
        if !finished {
            process.terminate()
            if await !exit.exited(within: 2) {
                kill(process.processIdentifier, SIGKILL)
                _ = await exit.exited(within: nil)
            }
        }
        // What the handler has not picked up yet, without waiting for the pipe's end (a child left behind may hold it).
        errors.fileHandleForReading.readabilityHandler = nil
        firstErrors.append(Self.readWithoutWaiting(errors.fileHandleForReading, limit: 300))
        let stderr = firstErrors.text
        guard finished, !(Self.timeoutProgram != nil && [124, 137].contains(process.terminationStatus)) else {
            return .retry(reason: "\(executable) ran longer than \(Int(timeout)) s and was stopped", after: nil)
        }
        guard process.terminationStatus == 0 else {
            let detail = stderr.isEmpty ? "" : ": \(stderr)"
            return .retry(reason: "\(executable) exited with status \(process.terminationStatus)\(detail)", after: nil)
        }
        return .delivered
    }

    /// What is in the pipe now, without waiting for more.
    private static func readWithoutWaiting(_ handle: FileHandle, limit: Int) -> Data {
        let descriptor = handle.fileDescriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = read(descriptor, &buffer, limit)
        return count > 0 ? Data(buffer[0..<count]) : Data()
    }

    private static let timeoutProgram = ["/usr/bin/timeout", "/bin/timeout"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    private static func locate(_ program: String) -> String? {
        let manager = FileManager.default
        if program.contains("/") {
            return manager.isExecutableFile(atPath: program) ? program : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { manager.isExecutableFile(atPath: $0) }
    }
}
