internal import CCurl
public import Foundation
import Synchronization

/// Performs many HTTP and `file:` transfers at once on one libcurl multi handle.
///
/// This is the only type that talks to libcurl. Transfers run on a dedicated queue (the multi loop blocks), share
/// connections (HTTP/2 where the server offers it), and are limited to ``maximumConcurrentTransfers`` at once and
/// ``maximumConnectionsPerHost`` per host; two requests to one host never start closer than ``hostGap`` seconds,
/// across batches too. Hosts take turns, so one busy host does not hold back the others. Cancelling the calling
/// task wakes the loop and abandons the batch promptly.
///
/// ```swift
/// let client = CurlTransport()
/// let results = await client.perform([CurlTransport.Request(url: "https://example.org/feed.xml")])
/// ```
public final class CurlTransport: Sendable {
    /// How many transfers run at once.
    public let maximumConcurrentTransfers: Int
    /// How many connections one host may have open at once.
    public let maximumConnectionsPerHost: Int
    /// The shortest time between the starts of two requests to one host, in seconds.
    public let hostGap: TimeInterval

    private let multiAddress: UInt
    private let queue = DispatchQueue(label: "feedwatch.curl")
    private let gate: Mutex<HostGate>

    /// Creates a client with its own multi handle.
    ///
    /// - Parameters:
    ///   - maximumConcurrentTransfers: Transfers in flight at once.
    ///   - maximumConnectionsPerHost: Transfers (and connections) per host at once.
    ///   - hostGap: Seconds between the starts of two requests to one host; 0 for none.
    public init(maximumConcurrentTransfers: Int = 8, maximumConnectionsPerHost: Int = 2, hostGap: TimeInterval = 0) {
        _ = CurlTransport.globalInit
        self.maximumConcurrentTransfers = max(1, maximumConcurrentTransfers)
        self.maximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        self.hostGap = max(0, hostGap)
        self.gate = Mutex(HostGate(gap: hostGap, limit: maximumConnectionsPerHost))
        let multi = curl_multi_init()
        self.multiAddress = UInt(bitPattern: multi)
        if let multi {
            _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, self.maximumConnectionsPerHost)
        }
    }

    deinit {
        if let multi = UnsafeMutableRawPointer(bitPattern: multiAddress) {
            curl_multi_cleanup(multi)
        }
    }

    private static let globalInit: Void = { _ = ccurl_global_init() }()

    /// Performs every request and returns one result per request, in the same order.
    ///
    /// A response with any HTTP status is a success here; callers decide what a 404 means.
    /// - Parameter requests: The transfers to run.
    /// - Returns: For each request, its response or the transport error.
    public func perform(_ requests: [CurlTransport.Request]) async -> [Result<CurlTransport.Response, FetchError>] {
        await dispatch(requests, each: nil)
    }

    /// Performs every request, telling `each` about every transfer as soon as it ends.
    ///
    /// `each` is called on the client's own thread, in completion order, so the caller can start working on the
    /// first responses while the others are still in flight. The client keeps no response once `each` has it, so
    /// a large batch's bodies are not all held until its end.
    /// - Parameters:
    ///   - requests: The transfers to run.
    ///   - each: Called with each request's index and its result, once per request.
    public func perform(
        _ requests: [CurlTransport.Request],
        each: @escaping @Sendable (Int, Result<CurlTransport.Response, FetchError>) -> Void
    ) async {
        _ = await dispatch(requests, each: each)
    }

    /// Runs the batch on the client's queue; the results are returned only when there is no `each` to take them.
    private func dispatch(
        _ requests: [CurlTransport.Request],
        each: (@Sendable (Int, Result<CurlTransport.Response, FetchError>) -> Void)?
    ) async -> [Result<CurlTransport.Response, FetchError>] {
        guard !requests.isEmpty else { return [] }
        let token = CancellationToken()
        let multiAddress = self.multiAddress
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: self.run(requests, token: token, each: each))
                }
            }
        } onCancel: {
            token.cancel()
            if let multi = UnsafeMutableRawPointer(bitPattern: multiAddress) {
                curl_multi_wakeup(multi)
            }
        }
    }

    /// Performs one request.
    ///
    /// - Parameter request: The transfer to run.
    /// - Returns: The response (any status).
    /// - Throws: ``FetchError`` when no response was received.
    public func perform(_ request: CurlTransport.Request) async throws(FetchError) -> CurlTransport.Response {
        let results = await perform([request])
        return try results[0].get()
    }

    // MARK: - The multi loop (runs on `queue`)

    private func run(
        _ requests: [CurlTransport.Request],
        token: CancellationToken,
        each: ((Int, Result<CurlTransport.Response, FetchError>) -> Void)?
    ) -> [Result<CurlTransport.Response, FetchError>] {
        // Results are kept only for a caller without `each`; with it, each response is handed over and dropped.
        var results = [Result<CurlTransport.Response, FetchError>?](
            repeating: nil,
            count: each == nil ? requests.count : 0
        )
        var settled = [Bool](repeating: false, count: requests.count)
        func settle(_ index: Int, _ result: Result<CurlTransport.Response, FetchError>) {
            settled[index] = true
            if let each {
                each(index, result)
            } else {
                results[index] = result
            }
        }
        guard let multi = UnsafeMutableRawPointer(bitPattern: multiAddress) else {
            for (index, request) in requests.enumerated() {
                settle(
                    index,
                    .failure(
                        FetchError(
                            code: .transport,
                            url: request.url,
                            message: "libcurl could not create a multi handle"
                        )
                    )
                )
            }
            return results.compactMap { $0 }
        }
        var gate = self.gate.withLock { $0 }
        let hosts = requests.map { HostGate.key(for: $0.url) }
        var waiting = HostQueue(hosts)
        var active: [UInt: Transfer] = [:]
        // Finished transfers' easy handles, reset and reused: libcurl keeps a handle's buffers across transfers.
        var spare = EasyHandlePool()
        defer { spare.cleanUp() }
        // The scheme lists of the batch's options (every request of a poll cycle has the same), built once.
        var lists: SchemeLists?

        func start(_ index: Int) -> Bool {
            let request = requests[index]
            if let refused = Transfer.refusal(for: request) {
                settle(index, .failure(refused))
                return false
            }
            let schemes =
                lists.flatMap { $0.schemes == request.options.allowedSchemes ? $0 : nil }
                ?? SchemeLists(request.options.allowedSchemes)
            lists = schemes
            guard let transfer = Transfer(index: index, request: request, schemes: schemes, easy: spare.take()) else {
                settle(
                    index,
                    .failure(
                        FetchError(code: .transport, url: request.url, message: "libcurl could not start a transfer")
                    )
                )
                return false
            }
            curl_multi_add_handle(multi, transfer.easy)
            active[UInt(bitPattern: transfer.easy)] = transfer
            return true
        }

        /// Starts what the limits allow and returns how long until a held-back host's gap passes, if any is.
        func startNext() -> TimeInterval? {
            while active.count < maximumConcurrentTransfers, let index = waiting.popUngated() {
                _ = start(index)
            }
            var soonest: TimeInterval?
            waiting.rewind()
            while active.count < maximumConcurrentTransfers, let host = waiting.nextHost() {
                let now = Self.monotonicSeconds()
                switch gate.decision(for: host, at: now) {
                case .ready:
                    guard let index = waiting.pop(host) else { continue }
                    if start(index) { gate.started(host, at: now) }
                case .busy:
                    waiting.skip()
                case .wait(let seconds):
                    soonest = min(soonest ?? seconds, seconds)
                    waiting.skip()
                }
            }
            return soonest
        }

        var soonest = startNext()
        var running: Int32 = 0
        while !active.isEmpty || !waiting.isEmpty {
            if token.isCancelled { break }
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard ccurl_msg_is_done(message) != 0, let easy = ccurl_msg_easy_handle(message) else { continue }
                let key = UInt(bitPattern: easy)
                guard let transfer = active.removeValue(forKey: key) else { continue }
                curl_multi_remove_handle(multi, easy)
                if let host = hosts[transfer.index] { gate.finished(host) }
                settle(transfer.index, transfer.finish(code: ccurl_msg_result(message)))
                spare.give(transfer.recycle())
            }
            soonest = startNext()
            if active.isEmpty && waiting.isEmpty { break }
            let waitMilliseconds = soonest.map { Int32(max(1, min(200, ($0 * 1000).rounded(.up)))) } ?? 200
            var descriptors: Int32 = 0
            curl_multi_poll(multi, nil, 0, waitMilliseconds, &descriptors)
        }
        gate.clearRunning()
        self.gate.withLock { $0 = gate }
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy)
        }
        for index in settled.indices where !settled[index] {
            settle(
                index,
                .failure(FetchError(code: .cancelled, url: requests[index].url, message: "transfer cancelled"))
            )
        }
        return results.compactMap { $0 }
    }

    private static func monotonicSeconds() -> TimeInterval {
        TimeInterval(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}

/// Easy handles of finished transfers, kept for the next ones of a batch; lives on the curl queue only.
private struct EasyHandlePool {
    private var handles: [UnsafeMutableRawPointer] = []

    /// A reset handle, or `nil` when none is spare.
    mutating func take() -> UnsafeMutableRawPointer? {
        handles.popLast()
    }

    /// Keeps a reset handle for reuse.
    mutating func give(_ easy: UnsafeMutableRawPointer) {
        handles.append(easy)
    }

    /// Cleans up every spare handle, at the end of a batch.
    mutating func cleanUp() {
        for easy in handles {
            curl_easy_cleanup(easy)
        }
        handles.removeAll()
    }
}

/// The values of `CURLOPT_PROTOCOLS_STR` and `CURLOPT_REDIR_PROTOCOLS_STR` for a set of allowed schemes: a sort and
/// two joins, made once per batch rather than once per transfer.
private struct SchemeLists {
    /// The allowed schemes.
    let schemes: Set<String>
    /// The schemes a transfer may use, comma-separated.
    let allowed: String
    /// The schemes a redirect may lead to (never `file`), comma-separated; `http` when none is left.
    let redirects: String

    init(_ schemes: Set<String>) {
        self.schemes = schemes
        allowed = schemes.sorted().joined(separator: ",")
        let redirects = schemes.subtracting(["file"]).sorted().joined(separator: ",")
        self.redirects = redirects.isEmpty ? "http" : redirects
    }
}

/// A flag set from any thread when the task awaiting a batch is cancelled.
private final class CancellationToken: Sendable {
    private let flag = Mutex(false)

    var isCancelled: Bool { flag.withLock { $0 } }

    func cancel() { flag.withLock { $0 = true } }
}

/// One easy handle with its buffers; lives on the curl queue only.
private final class Transfer {
    let index: Int
    let request: CurlTransport.Request
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Set to 1 by the C open-socket callback when it refused a private address.
    private let refusedAddress: UnsafeMutablePointer<Int32>
    fileprivate var body = Data()
    fileprivate var exceededCap = false
    fileprivate var statuses: [Int] = []
    private var recycled = false

    static func refusal(for request: CurlTransport.Request) -> FetchError? {
        let scheme = request.url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        guard request.options.allowedSchemes.contains(scheme) else {
            return FetchError(
                code: .refusedScheme,
                url: request.url,
                message: "the URL scheme '\(scheme)' is not allowed"
            )
        }
        return nil
    }

    /// Sets up a transfer on `easy`, a reset handle to reuse, or on a new handle when it is `nil`.
    init?(index: Int, request: CurlTransport.Request, schemes: SchemeLists, easy: UnsafeMutableRawPointer?) {
        guard let easy = easy ?? curl_easy_init() else { return nil }
        self.index = index
        self.request = request
        self.easy = easy
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        self.refusedAddress = .allocate(capacity: 1)
        refusedAddress.initialize(to: 0)
        configure(schemes)
    }

    deinit {
        if !recycled {
            curl_easy_cleanup(easy)
        }
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
        refusedAddress.deallocate()
    }

    /// Hands the finished transfer's easy handle over for reuse, reset to its defaults; the transfer no longer
    /// cleans it up.
    func recycle() -> UnsafeMutableRawPointer {
        curl_easy_reset(easy)
        recycled = true
        return easy
    }

    private func configure(_ schemes: SchemeLists) {
        let options = request.options
        _ = ccurl_easy_setopt_string(easy, CURLOPT_URL, request.url)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, schemes.allowed)
        _ = ccurl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, schemes.redirects)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, options.followsRedirects ? 1 : 0)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, 5)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(options.timeout * 1000))
        _ = ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        if !options.discardsExcessBody {
            _ = ccurl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes))
        }
        _ = ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        _ = ccurl_easy_setopt_string(easy, CURLOPT_USERAGENT, options.userAgent)
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_FILETIME, 1)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        _ = ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
        _ = ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, Int(options.lowSpeedTime.rounded(.up)))
        if options.refusesPrivateNetworks {
            _ = ccurl_easy_refuse_private_networks(easy, refusedAddress)
        }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        if request.method == .post {
            // A POST body may be any size; libcurl copies it so the Data need not outlive this call.
            headerList = curl_slist_append(headerList, "Expect:")
            let body = request.body ?? Data()
            _ = ccurl_easy_setopt_long(easy, CURLOPT_POST, 1)
            _ = ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                var copy = [UInt8](raw)
                copy.append(0)
                copy.withUnsafeMutableBytes { buffer in
                    _ = ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, buffer.baseAddress)
                }
            }
        }
        if let headerList {
            _ = ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        }
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque())
        _ = ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            guard transfer.body.count + length <= transfer.request.options.maxBodyBytes else {
                transfer.exceededCap = true
                return 0
            }
            if let data, length > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    transfer.body.append(bytes, count: length)
                }
            }
            return length
        }
        // Every response of a redirect chain passes through here, so its status lines give the chain's statuses.
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, Unmanaged.passUnretained(self).toOpaque())
        _ = ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let length = size * count
            guard let context, let data, length > 5 else { return length }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                if let status = Transfer.status(inStatusLine: UnsafeBufferPointer(start: bytes, count: length)) {
                    transfer.statuses.append(status)
                }
            }
            return length
        }
    }

    /// The status code of an `HTTP/x yyy reason` line, or `nil` for any other header line.
    static func status(inStatusLine line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.starts(with: Array("HTTP/".utf8)) else { return nil }
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        var status = 0
        var digits = 0
        for byte in line[(space + 1)...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            status = status * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 3 ? status : nil
    }

    func finish(code: CURLcode) -> Result<CurlTransport.Response, FetchError> {
        let url = request.url
        // With `discardsExcessBody`, the write callback stopped the transfer at the cap: the answer (status and
        // headers) is complete, only the rest of its body is dropped.
        let cutAtCap = exceededCap && request.options.discardsExcessBody
        if !cutAtCap, exceededCap || code == CURLE_FILESIZE_EXCEEDED {
            return .failure(
                FetchError(
                    code: .tooLarge,
                    url: url,
                    curlCode: Int(code.rawValue),
                    message: "the body is larger than the \(request.options.maxBodyBytes)-byte cap"
                )
            )
        }
        guard code == CURLE_OK || cutAtCap else {
            if refusedAddress.pointee != 0 {
                return .failure(
                    FetchError(
                        code: .refusedAddress,
                        url: url,
                        curlCode: Int(code.rawValue),
                        message: "the address is on a loopback, private or link-local network"
                    )
                )
            }
            return .failure(error(for: code))
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafePointer<CChar>?
        _ = ccurl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        let effectiveURL = effective.map { String(cString: $0) } ?? url
        var redirects = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        if status == 0, effectiveURL.lowercased().hasPrefix("file:") {
            status = 200
        }
        var headers: [String: String] = [:]
        for name in CurlTransport.Response.headerNames {
            var header: UnsafeMutablePointer<curl_header>?
            if curl_easy_header(easy, name, 0, UInt32(CURLH_HEADER), -1, &header) == CURLHE_OK,
                let value = header?.pointee.value
            {
                headers[name] = String(cString: value)
            }
        }
        return .success(
            CurlTransport.Response(
                status: status,
                headers: headers,
                body: body,
                effectiveURL: effectiveURL,
                redirectCount: redirects,
                redirectStatuses: Array(statuses.dropLast().filter { (300..<400).contains($0) })
            )
        )
    }

    private func error(for code: CURLcode) -> FetchError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: FetchError.Code
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .unreachable
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_UNSUPPORTED_PROTOCOL:
            kind = .refusedScheme
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_READ_ERROR:
            kind = .fileNotFound
        default:
            kind = .transport
        }
        return FetchError(code: kind, url: request.url, curlCode: Int(code.rawValue), message: message)
    }
}

extension CurlTransport {
    /// Whether an IP address (`10.0.0.1`, `::1`) is one ``Options/refusesPrivateNetworks`` refuses: loopback,
    /// private, link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT, unspecified or multicast.
    ///
    /// - Parameter address: An IPv4 or IPv6 address in text form.
    /// - Returns: `true` for such an address; `nil` when the text is no address.
    public static func isPrivate(address: String) -> Bool? {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, address, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            return withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ccurl_is_private_address($0) != 0 }
            }
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            return withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ccurl_is_private_address($0) != 0 }
            }
        }
        return nil
    }
}
