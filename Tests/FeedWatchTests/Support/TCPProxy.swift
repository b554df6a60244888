import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in a Python process of its own, in front of a server the test uses: killing it drops
/// every connection and refuses new ones, as a server that went away would; starting it again on the same port
/// brings the server back.
final class TCPProxy: Sendable {
    private static let script = """
        asyncio, sys = __import__("asyncio"), __import__("sys")
        listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
        async def pipe(reader, writer):
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except Exception:
                pass
            finally:
                writer.close()
        async def handle(client_reader, client_writer):
            try:
                server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
            except Exception:
                client_writer.close()
                return
            await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))
        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", listen_port, reuse_address=True)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server:
                await server.serve_forever()
        asyncio.run(main())
        """

    /// The port the proxy listens on.
    let port: Int
    private let target: Int
    private let process: Mutex<Process?>

    private init(port: Int, target: Int, process: Process) {
        self.port = port
        self.target = target
        self.process = Mutex(process)
    }

    /// Starts a proxy to `target` on a free port.
    static func start(to target: Int) async throws -> TCPProxy {
        let (process, port) = try await launch(port: 0, target: target)
        return TCPProxy(port: port, target: target, process: process)
    }

    deinit {
        process.withLock { $0.map(Self.kill) }
    }

    /// Kills the proxy: every connection through it drops at once and new ones are refused.
    func stop() {
        process.withLock { process in
            process.map(Self.kill)
            process = nil
        }
    }

    /// Stops the proxy without killing it: its connections stay open and carry nothing, as behind a network that
    /// drops every packet.
    func freeze() {
        process.withLock { process in _ = process.map { Glibc.kill($0.processIdentifier, SIGSTOP) } }
    }

    /// Lets a frozen proxy carry its connections again.
    func thaw() {
        process.withLock { process in _ = process.map { Glibc.kill($0.processIdentifier, SIGCONT) } }
    }

    /// Starts the proxy again on the same port.
    func start() async throws {
        let (started, _) = try await Self.launch(port: port, target: target)
        process.withLock { $0 = started }
    }

    private static func kill(_ process: Process) {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Starts the Python process and waits, on a dispatch queue (not a thread of the Swift concurrency pool, which
    /// the daemon under test needs), for the port it listens on.
    private static func launch(port: Int, target: Int) async throws -> (Process, Int) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try launchWaiting(port: port, target: target) })
            }
        }
    }

    private static func launchWaiting(port: Int, target: Int) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(port), String(target)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line is the bound port, printed once the proxy listens.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
            line.append(first)
        }
        guard let bound = Int(String(decoding: line, as: UTF8.self)) else {
            Self.kill(process)
            throw POSIXError(.EADDRINUSE)
        }
        return (process, bound)
    }
}
