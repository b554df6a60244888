public import FeedWatchCore
public import Foundation
import Mustache

/// Turns an alert into a webhook request body: the generic JSON payload, a built-in template for a chat service,
/// or the user's own Mustache template.
///
/// Templates see the alert's fields (`id`, `topic`, `kind`, `at`, `created_at`, `summary`, `status.from`,
/// `status.to`, `evidence` with `title`, `link`, `feed`, `published`), the flags `is_new_story`,
/// `is_status_change` and `is_digest`, `first` (the first evidence item), `alerts` (a digest's alerts, each with the
/// same fields) and `json` (the generic payload; use `{{{json}}}`), and, made safe for chat services, `chat_summary`
/// and `chat_link` (see ``ChatText``).
/// Values are escaped for JSON strings unless the template starts with `{{% CONTENT_TYPE: TEXT }}`.
public struct PayloadTemplate: Sendable {
    /// The names of the built-in templates.
    public static let builtInNames = ["generic", "slack", "discord", "teams", "mattermost", "ntfy"]

    /// The template's name, for errors and logs.
    public let name: String
    /// The `Content-Type` of the rendered body.
    public let contentType: String
    private let template: MustacheTemplate?

    private init(name: String, contentType: String, source: String?) throws(AlertError) {
        Self.registerJSONEscaping
        self.name = name
        self.contentType = contentType
        guard let source else {
            template = nil
            return
        }
        do {
            template = try MustacheTemplate(string: source)
        } catch {
            throw AlertError(code: .badTemplate, sink: name, message: "the template does not parse: \(error)")
        }
    }

    /// A built-in template.
    ///
    /// - Parameters:
    ///   - name: One of ``builtInNames``.
    ///   - sink: The sink's name, for errors.
    /// - Throws: ``AlertError`` for an unknown name.
    public init(builtIn name: String, sink: String) throws(AlertError) {
        switch name {
        case "generic":
            try self.init(name: name, contentType: "application/json", source: nil)
        case "slack", "mattermost":
            try self.init(
                name: name,
                contentType: "application/json",
                source: Self.json + #"{"text": "\#(Self.line)"}"#
            )
        case "discord":
            // Discord pings nobody whatever the text says when `allowed_mentions.parse` is empty.
            try self.init(
                name: name,
                contentType: "application/json",
                source: Self.json + #"{"content": "\#(Self.line)", "allowed_mentions": {"parse": []}}"#
            )
        case "teams":
            try self.init(name: name, contentType: "application/json", source: Self.json + Self.teams)
        case "ntfy":
            try self.init(
                name: name,
                contentType: "text/plain; charset=utf-8",
                source: "{{% CONTENT_TYPE: TEXT }}{{summary}}{{#first.link}}\n{{first.link}}{{/first.link}}"
            )
        default:
            let names = Self.builtInNames.joined(separator: ", ")
            throw AlertError(
                code: .badTemplate,
                sink: sink,
                message: "there is no built-in template '\(name)'; use one of \(names), or template_file"
            )
        }
    }

    /// A user template read from a file.
    ///
    /// - Parameters:
    ///   - path: The Mustache template file.
    ///   - contentType: The body's `Content-Type`.
    ///   - sink: The sink's name, for errors.
    /// - Throws: ``AlertError`` when the file cannot be read or does not parse.
    public init(file path: String, contentType: String = "application/json", sink: String) throws(AlertError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AlertError(code: .badTemplate, sink: sink, message: "cannot read the template file \(path)")
        }
        do {
            try self.init(
                name: sink,
                contentType: contentType,
                source: Self.json + String(decoding: data, as: UTF8.self)
            )
        } catch {
            throw AlertError(code: .badTemplate, sink: sink, message: "\(path): \(error.message)")
        }
    }

    /// The request body for one alert.
    ///
    /// - Parameter alert: The alert.
    /// - Returns: The rendered body.
    public func render(_ alert: Alert) -> Data {
        let payload = AlertPayload.json(alert)
        guard let template else { return payload }
        var context = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any] ?? [:]
        context["json"] = String(decoding: payload, as: UTF8.self)
        context["is_new_story"] = alert.kind == .newStory
        context["is_status_change"] = alert.kind == .statusChange
        context["is_digest"] = alert.kind == .digest
        context["first"] = (context["evidence"] as? [Any])?.first
        context["chat_summary"] = ChatText.text(alert.summary)
        context["chat_link"] = alert.evidence.first?.link.map(ChatText.link)
        return Data(template.render(context).utf8)
    }

    private static let json = "{{% CONTENT_TYPE: JSON }}"
    private static let line = "{{chat_summary}}{{#chat_link}} <{{chat_link}}>{{/chat_link}}"
    private static let teams = """
        {"@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": "{{summary}}",
         "title": "feedwatch: {{topic}} ({{kind}})", "text": "{{summary}}"\
        {{#first.link}}, "potentialAction": [{"@type": "OpenUri", "name": "Open",
         "targets": [{"os": "default", "uri": "{{first.link}}"}]}]{{/first.link}}}
        """

    private static let registerJSONEscaping: Void = {
        MustacheContentTypes.register(JSONStringContentType(), named: "JSON")
    }()
}

/// Escapes values for the inside of a JSON string literal.
private struct JSONStringContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    escaped += String(format: "\\u%04x", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
