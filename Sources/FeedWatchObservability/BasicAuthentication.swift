public import FeedWatchConfig
public import Foundation
public import Hummingbird

/// HTTP basic authentication for a listener bound beyond loopback: every request must carry the configured user
/// and password, else it gets 401 with a `WWW-Authenticate` challenge.
public struct BasicAuthentication: RouterMiddleware {
    public typealias Context = BasicRequestContext

    private let expected: [UInt8]

    /// Creates the check for one user and password.
    ///
    /// - Parameters:
    ///   - user: The user name.
    ///   - password: The password.
    public init(user: String, password: String) {
        expected = Array("Basic \(Data("\(user):\(password)".utf8).base64EncodedString())".utf8)
    }

    /// Reads the password a listener's configuration names: `password_file`, or the systemd credential
    /// `password_credential` in `$CREDENTIALS_DIRECTORY`.
    ///
    /// - Parameters:
    ///   - configuration: The listener's settings.
    ///   - environment: Where `$CREDENTIALS_DIRECTORY` is read.
    /// - Returns: The check, or `nil` when the configuration names no password (a loopback listener).
    /// - Throws: ``ListenerError`` when the password cannot be read or is empty.
    public static func load(
        _ configuration: MetricsConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ListenerError) -> BasicAuthentication? {
        let path: String
        if let file = configuration.passwordFile {
            path = file
        } else if let credential = configuration.passwordCredential {
            guard let folder = environment["CREDENTIALS_DIRECTORY"] else {
                throw ListenerError(
                    "the HTTP password credential '\(credential)' needs $CREDENTIALS_DIRECTORY; run under systemd "
                        + "with LoadCredential=\(credential):PATH, or use http.password_file"
                )
            }
            path = folder + "/" + credential
        } else {
            return nil
        }
        let text: String
        do {
            text = String(decoding: try ConfigFileReader.secret(atPath: path), as: UTF8.self)
        } catch {
            throw ListenerError("cannot read the HTTP password from \(path): \(error.message)")
        }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else {
            throw ListenerError("the HTTP password file \(path) is empty; write the password in it")
        }
        return BasicAuthentication(user: configuration.user, password: password)
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let given = Array((request.headers[.authorization] ?? "").utf8)
        // Compared in time independent of where the first difference is.
        var difference = given.count ^ expected.count
        for index in expected.indices {
            difference |= Int(expected[index] ^ (index < given.count ? given[index] : 0))
        }
        guard difference == 0 else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Basic realm=\"feedwatch\", charset=\"UTF-8\""
            return Response(
                status: .unauthorized,
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "authentication required\n"))
            )
        }
        return try await next(request, context)
    }
}

/// The HTTP listener cannot start as configured; `description` says what to do.
public struct ListenerError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    /// Creates an error with its message.
    public init(_ description: String) {
        self.description = description
    }
}
