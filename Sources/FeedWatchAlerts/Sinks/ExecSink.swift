public import FeedWatchConfig
public import FeedWatchCore
public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command for each alert with the alert's JSON on its standard input (like feed2exec).
///
/// The command also gets `FEEDWATCH_ALERT_ID`, `FEEDWATCH_TOPIC` and `FEEDWATCH_KIND` in its environment. Exit
/// status 0 means delivered; any other status, or running longer than the timeout (the command is then stopped),
/// is retried later (it and its children get SIGTERM, then SIGKILL two seconds on).
public struct ExecSink: AlertSink {
    public let name: String
    private let executable: String
    private let arguments: [String]
    private let timeout: TimeInterval

    /// Creates an exec sink, finding its program.
    ///
    /// - Parameter configuration: The sink's name, command and timeout.
    /// - Throws: ``AlertError`` when the program does not exist or is not executable.
    public init(configuration: ExecSinkConfiguration) throws(AlertError) {
        name = configuration.name
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
        var environment = ProcessInfo.processInfo.environment
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
            try AlertPayload.json(alert).write(to: inputFile)
            input = try FileHandle(forReadingFrom: inputFile)
        } catch {
            return .retry(reason: "cannot write the alert for \(executable): \(error.localizedDescription)", after: nil)
        }
        defer { try? input.close() }
        let errors = Pipe()
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
        let stderr = Self.readWithoutWaiting(errors.fileHandleForReading, limit: 300)
        guard finished, !(Self.timeoutProgram != nil && [124, 137].contains(process.terminationStatus)) else {
            return .retry(reason: "\(executable) ran longer than \(Int(timeout)) s and was stopped", after: nil)
        }
        guard process.terminationStatus == 0 else {
            let detail = stderr.isEmpty ? "" : ": \(stderr)"
            return .retry(reason: "\(executable) exited with status \(process.terminationStatus)\(detail)", after: nil)
        }
        return .delivered
    }

    private static let timeoutProgram = ["/usr/bin/timeout", "/bin/timeout"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// What the command already wrote, without waiting for the pipe's end (a child it left behind may hold it).
    private static func readWithoutWaiting(_ handle: FileHandle, limit: Int) -> String {
        let descriptor = handle.fileDescriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = read(descriptor, &buffer, limit)
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
