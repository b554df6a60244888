import Foundation

/// Feed text made inert for chat services (Slack, Mattermost, Discord): it is data, never markup or a ping.
///
/// Slack and Mattermost read `<…>` as links and commands (`<!channel>`, `<@U123>`) and `&` as the start of an
/// entity; both, and Discord, ping a whole channel for `@channel`, `@here`, `@everyone` or `@all`. A headline is
/// free text from any feed, so a hostile one could ping every member of the analyst's channel.
public enum ChatText {
    /// The mentions that notify a whole channel.
    static let broadcastMentions = ["channel", "here", "everyone", "all"]

    /// Text with `&`, `<` and `>` escaped as Slack asks, and channel-wide mentions broken with a zero-width space
    /// (`@\u{200B}here`), so they show but ping nobody.
    ///
    /// - Parameter text: Any text, such as an alert's summary.
    /// - Returns: The text, safe inside a Slack, Mattermost or Discord message.
    public static func text(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return breakingBroadcastMentions(escaped)
    }

    /// `@channel`, `@here`, `@everyone` and `@all` (any case, not inside an address such as `ops@all.example`)
    /// with a zero-width space after the `@`.
    static func breakingBroadcastMentions(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for (index, character) in characters.enumerated() {
            result.append(character)
            guard character == "@", index == 0 || !isAddressCharacter(characters[index - 1]) else {
                continue
            }
            let rest = characters[(index + 1)...]
            for mention in broadcastMentions {
                let word = rest.prefix(mention.count)
                let after = rest.dropFirst(mention.count).first
                if String(word).lowercased() == mention, !(after.map(isAddressCharacter) ?? false) {
                    result.append("\u{200B}")
                    break
                }
            }
        }
        return result
    }

    private static func isAddressCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "._%+-".contains(character)
    }

    /// A link safe inside Slack's `<url>` or `<url|label>` form: the characters that would end it or start a label
    /// (`>`, `|`, `<`) and spaces percent-encoded.
    ///
    /// - Parameter link: An `http` or `https` URL.
    /// - Returns: The URL with those characters encoded.
    public static func link(_ link: String) -> String {
        var encoded = ""
        for character in link {
            switch character {
            case ">": encoded += "%3E"
            case "<": encoded += "%3C"
            case "|": encoded += "%7C"
            case " ": encoded += "%20"
            default: encoded.append(character)
            }
        }
        return encoded
    }
}
