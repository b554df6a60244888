/// Text written into XML or HTML that feedwatch generates (the dashboard, the Atom feed of alerts, OPML exports):
/// one escaping rule for all of them, since every value may come from a feed or a config file and is hostile.
public enum MarkupText {
    /// Text made safe inside an element or a quoted attribute: `& < > " '` as references, line breaks as
    /// character references (so an attribute keeps them), and the C0 controls XML 1.0 forbids dropped.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The escaped text.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case "\t": escaped += "\t"
            default:
                if scalar.value >= 0x20 { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }
}
