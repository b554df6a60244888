import Foundation
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchConfig
@testable import FeedWatchCore
@testable import FeedWatchDaemon

@Suite("PayloadTemplate: webhook bodies for chat services and user templates")
struct PayloadTemplateTests {
    private let alert = Alert(
        id: "a1",
        topic: "ceasefire",
        kind: .statusChange,
        at: Date(timeIntervalSince1970: 1_772_447_400),
        createdAt: Date(timeIntervalSince1970: 1_772_447_460),
        summary: "\"Ceasefire talks\" moved from proposed to rejected: Israel says \"no\" (Harbor Wire)",
        status: .init(from: "proposed", to: "rejected"),
        evidence: [
            .init(title: "Israel says no", link: "https://hw.example/2?a=1&b=2", feed: "Harbor Wire", published: nil)
        ]
    )

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func genericIsTheAlertPayload() throws {
        let body = try PayloadTemplate(builtIn: "generic", sink: "hook").render(alert)
        #expect(body == AlertPayload.json(alert))
    }

    @Test(arguments: [("slack", "text"), ("mattermost", "text"), ("discord", "content")])
    func chatTemplatesAreValidJSONWithTheSummaryAndLink(name: String, key: String) throws {
        let template = try PayloadTemplate(builtIn: name, sink: "hook")
        #expect(template.contentType == "application/json")
        let message = try #require(try object(template.render(alert))[key] as? String)
        #expect(message == alert.summary + " <https://hw.example/2?a=1&b=2>")
    }

    /// An alert whose summary and link come from a hostile feed.
    private let hostile = Alert(
        id: "a2",
        topic: "ceasefire",
        kind: .newStory,
        at: Date(timeIntervalSince1970: 1_772_447_400),
        createdAt: Date(timeIntervalSince1970: 1_772_447_460),
        summary: "New story: <!channel> @here @Everyone <script>alert(1)</script> & <https://evil.example|click>",
        evidence: [
            .init(title: "x", link: "https://hw.example/a|b>c <d>", feed: "Harbor Wire", published: nil)
        ]
    )

    @Test(arguments: ["slack", "mattermost"])
    func slackAndMattermostMessagesShowFeedTextAsTextAndPingNobody(name: String) throws {
        let body = try PayloadTemplate(builtIn: name, sink: "hook").render(hostile)
        let text = try #require(try object(body)["text"] as? String)
        #expect(
            text == "New story: &lt;!channel&gt; @\u{200B}here @\u{200B}Everyone &lt;script&gt;alert(1)&lt;/script&gt; "
                + "&amp; &lt;https://evil.example|click&gt; <https://hw.example/a%7Cb%3Ec%20%3Cd%3E>"
        )
    }

    @Test func discordMessagesAllowNoMentions() throws {
        let body = try object(try PayloadTemplate(builtIn: "discord", sink: "hook").render(hostile))
        let allowed = try #require(body["allowed_mentions"] as? [String: Any])
        #expect((allowed["parse"] as? [Any])?.isEmpty == true)
        let content = try #require(body["content"] as? String)
        #expect(!content.contains("@here") && !content.contains("@Everyone") && !content.contains("<script>"))
    }

    @Test func anAddressIsNoMention() {
        #expect(ChatText.text("write to ops@all.example or @all") == "write to ops@all.example or @\u{200B}all")
    }

    @Test func teamsCardCarriesTitleTextAndLink() throws {
        let card = try object(try PayloadTemplate(builtIn: "teams", sink: "hook").render(alert))
        #expect(card["@type"] as? String == "MessageCard")
        #expect(card["text"] as? String == alert.summary)
        #expect(card["title"] as? String == "feedwatch: ceasefire (status_change)")
        let actions = try #require(card["potentialAction"] as? [[String: Any]])
        #expect(
            ((actions.first?["targets"] as? [[String: Any]])?.first?["uri"] as? String)
                == "https://hw.example/2?a=1&b=2"
        )
    }

    @Test func ntfyIsPlainText() throws {
        let template = try PayloadTemplate(builtIn: "ntfy", sink: "hook")
        #expect(template.contentType.hasPrefix("text/plain"))
        #expect(
            String(decoding: template.render(alert), as: UTF8.self) == alert.summary + "\nhttps://hw.example/2?a=1&b=2"
        )
    }

    @Test func userTemplateFromAFileSeesTheAlertsFields() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            #"{"msg": "{{summary}}", "to": "{{status.to}}", "change": {{is_status_change}}, "raw": {{{json}}}}"#,
            to: "payload.mustache"
        )
        let body = try object(try PayloadTemplate(file: file, sink: "hook").render(alert))
        #expect(body["msg"] as? String == alert.summary)
        #expect(body["to"] as? String == "rejected")
        #expect(body["change"] as? Bool == true)
        #expect((body["raw"] as? [String: Any])?["id"] as? String == "a1")
    }

    @Test func brokenTemplateIsASetupError() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("{{#evidence}}{{title}}", to: "broken.mustache")
        let error = #expect(throws: AlertError.self) { try PayloadTemplate(file: file, sink: "hook") }
        #expect(error?.code == .badTemplate)
        #expect(error?.description.contains("broken.mustache") == true)
    }

    @Test func unknownBuiltInTemplateIsASetupError() throws {
        let error = #expect(throws: AlertError.self) { try PayloadTemplate(builtIn: "pager", sink: "hook") }
        #expect(error?.description.contains("slack") == true)
    }

    @Test func checkConfigRejectsABrokenTemplateAtStartUp() throws {
        let directory = try TemporaryDirectory()
        try directory.write("{{/evidence}}", to: "bad.mustache")
        let config = try directory.write(
            "sinks:\n  - type: webhook\n    url: http://127.0.0.1:9/hooks\n    template_file: bad.mustache\n",
            to: "config.yml"
        )
        let configuration = try FeedWatchConfiguration.load(contentsOf: config)
        #expect(throws: AlertError.self) { try FeedWatchApplication.check(configuration) }
    }
}
