import Crypto
import Foundation
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchTransport

@Suite("WebhookSink: signed JSON POSTs")
struct WebhookSinkTests {
    private let alert = Sample.alert(id: "alert-42")

    private func makeSink(_ server: TestFeedServer, secretFile: String? = nil) throws -> WebhookSink {
        try WebhookSink(
            configuration: .init(name: "hook", url: server.url("/hooks"), secretFile: secretFile),
            client: CurlTransport(maximumConcurrentTransfers: 1),
            userAgent: "feedwatch-test/1.0"
        )
    }

    @Test func postsTheAlertAsJSONWithItsIdAsIdempotencyKey() async throws {
        try await TestFeedServer.withServer { server in
            #expect(try await makeSink(server).deliver(alert) == .delivered)
            let received = try #require(server.webhooks.first)
            #expect(received.headers["Content-Type"] == "application/json")
            #expect(received.headers["webhook-id"] == "alert-42")
            #expect(received.headers["Idempotency-Key"] == "alert-42")
            #expect(received.headers["webhook-signature"] == nil)
            #expect(try AlertPayload.decode(received.body) == AlertPayload.decode(AlertPayload.json(alert)))
        }
    }

    @Test func signatureVerifiesWithTheSharedSecret() async throws {
        let directory = try TemporaryDirectory()
        let secretFile = try directory.write("s3cret-for-tests\n", to: "webhook.key")
        try await TestFeedServer.withServer { server in
            #expect(try await makeSink(server, secretFile: secretFile).deliver(alert) == .delivered)
            let received = try #require(server.webhooks.first)
            let id = try #require(received.headers["webhook-id"])
            let timestamp = try #require(received.headers["webhook-timestamp"])
            let signature = try #require(received.headers["webhook-signature"])
            // Verified here from the Standard Webhooks definition, not with the sink's own code.
            var signed = Data("\(id).\(timestamp).".utf8)
            signed.append(received.body)
            let key = SymmetricKey(data: Data("s3cret-for-tests".utf8))
            let expected = Data(HMAC<SHA256>.authenticationCode(for: signed, using: key)).base64EncodedString()
            #expect(signature == "v1," + expected)
            let age = Date().timeIntervalSince1970 - (Double(timestamp) ?? 0)
            #expect(abs(age) < 300)
        }
    }

    private func sink(to url: String) throws -> WebhookSink {
        try WebhookSink(
            configuration: .init(name: "hook", url: url),
            client: CurlTransport(maximumConcurrentTransfers: 1),
            userAgent: "feedwatch-test/1.0"
        )
    }

    @Test func aRedirectIsNotFollowedAndIsAFailureNamingTheNewLocation() async throws {
        try await TestFeedServer.withServer { server in
            var moved = TestFeedServer.Document(body: Data(), status: 301)
            moved.headers["Location"] = server.url("/hooks?token=secret")
            server.publish("/answers/old", moved)
            let outcome = try await sink(to: server.url("/answers/old")).deliver(alert)
            guard case .dead(let reason) = outcome else {
                Issue.record("expected a dead delivery, got \(outcome)")
                return
            }
            #expect(reason.contains("redirected to \(server.baseURL)/…"))
            #expect(reason.contains("set the sink's url"))
            #expect(!reason.contains("secret"))
            #expect(server.webhooks.isEmpty, "the redirect was not followed")
        }
    }

    @Test func aSuccessfulAnswerLongerThanTheBodyCapIsADelivery() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/answers/long", TestFeedServer.Document(body: Data(repeating: 65, count: 1 << 20)))
            let outcome = try await sink(to: server.url("/answers/long")).deliver(alert)
            #expect(outcome == .delivered)
        }
    }

    @Test func missingSecretFileIsASetupError() throws {
        let error = #expect(throws: AlertError.self) {
            try WebhookSink(
                configuration: .init(name: "hook", url: "http://127.0.0.1:9/hooks", secretFile: "/nonexistent/key"),
                client: CurlTransport(),
                userAgent: "test"
            )
        }
        #expect(error?.code == .secretUnreadable)
        #expect(error?.description.contains("/nonexistent/key") == true)
    }

    @Test(arguments: [
        (200, "delivered"), (204, "delivered"), (400, "dead"), (404, "dead"), (408, "retry"),
        (429, "retry"), (500, "retry"), (503, "retry"),
    ])
    func statusDecidesTheOutcome(status: Int, expected: String) {
        let outcome = WebhookSink.outcome(status: status, retryAfter: nil, body: Data("nope".utf8))
        switch outcome {
        case .delivered: #expect(expected == "delivered")
        case .dead: #expect(expected == "dead")
        case .retry: #expect(expected == "retry")
        }
    }

    @Test func retryAfterIsPassedOn() {
        #expect(
            WebhookSink.outcome(status: 429, retryAfter: "120", body: Data())
                == .retry(
                    reason: "the receiver answered HTTP 429",
                    after: 120
                )
        )
    }

    @Test func retryAfterAsAnHTTPDateIsPassedOnAsADelay() throws {
        let inTwoMinutes = Date().addingTimeInterval(120)
        let header = inTwoMinutes.formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
                locale: Locale(identifier: "en_US_POSIX"),
                timeZone: TimeZone(identifier: "GMT")!,
                calendar: Calendar(identifier: .gregorian)
            )
        )
        guard case .retry(_, let delay?) = WebhookSink.outcome(status: 503, retryAfter: header, body: Data()) else {
            Issue.record("a 503 with Retry-After must be retried after the given time")
            return
        }
        #expect(delay > 100 && delay <= 121)
    }

    @Test func unreachableReceiverIsRetried() async throws {
        let sink = try WebhookSink(
            configuration: .init(name: "hook", url: "http://127.0.0.1:1/hooks"),
            client: CurlTransport(),
            userAgent: "test"
        )
        guard case .retry = await sink.deliver(alert) else {
            Issue.record("an unreachable receiver must be retried")
            return
        }
    }
}

@Suite("WebhookSink: the secret from a systemd credential")
struct WebhookCredentialTests {
    @Test func secretIsReadFromTheCredentialsDirectory() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("from-systemd\n", to: "webhook.key")
        try await TestFeedServer.withServer { server in
            let sink = try WebhookSink(
                configuration: .init(url: server.url("/hooks"), secretCredential: "webhook.key"),
                client: CurlTransport(),
                userAgent: "test",
                environment: ["CREDENTIALS_DIRECTORY": directory.path]
            )
            #expect(await sink.deliver(Sample.alert(id: "cred-1")) == .delivered)
            let received = try #require(server.webhooks.first)
            let timestamp = try #require(received.headers["webhook-timestamp"].flatMap(Int.init))
            let expected = WebhookSink.signature(
                id: "cred-1",
                timestamp: timestamp,
                body: received.body,
                secret: Data("from-systemd".utf8)
            )
            #expect(received.headers["webhook-signature"] == expected)
        }
    }

    @Test func missingCredentialsDirectoryIsASetupErrorThatSaysWhatToAdd() throws {
        let error = #expect(throws: AlertError.self) {
            try WebhookSink(
                configuration: .init(url: "http://127.0.0.1:9/hooks", secretCredential: "webhook.key"),
                client: CurlTransport(),
                userAgent: "test",
                environment: [:]
            )
        }
        #expect(error?.description.contains("LoadCredential=webhook.key:") == true)
    }
}
