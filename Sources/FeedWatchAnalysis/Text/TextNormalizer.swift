/// Turns text into the normalised word tokens that queries, status cues and story fingerprints compare.
///
/// Each token is a maximal run of letters and digits after Unicode compatibility normalisation (NFKC, so
/// ligatures and full-width forms become plain letters), full case folding (`ß` → `ss`) and diacritic folding
/// (`é` → `e`: nonspacing marks are dropped). Everything else separates tokens, with these rules for names and
/// numbers:
///
/// - Acronyms written with dots are joined: `U.S.` → `us`, `e.g.` → `eg`.
/// - Digit groups and decimals stay whole: `1,200` → `1200`, `3.5` → `3.5`, `2024` → `2024`.
/// - Hyphens separate: `al-Sisi` → `al`, `sisi`; a query word with a hyphen is therefore a phrase and still
///   matches `al-Sisi`, `al Sisi` and `Al-Sisi`.
/// - English clitics are dropped: `Hamas's` → `hamas`, `they're` → `they`; `n't` becomes the word `not`
///   (`didn't` → `did`, `not`; `can't` → `can`, `not`; `won't` → `will`, `not`), so negation is visible.
/// - Other apostrophes join: `O'Brien` → `obrien`.
///
/// Stopwords are kept in the token stream (queries must be able to match words like `not`); ``stopwords`` is
/// exposed for callers that want to drop them.
public enum TextNormalizer {
    /// A short list of English function words, in normalised form.
    ///
    /// ``tokens(_:)`` does not remove them; callers that score or index text may.
    public static let stopwords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
        "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "so", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we",
        "were", "which", "who", "will", "with", "would", "you",
    ]

    /// The normalised word tokens of a text, in order.
    ///
    /// - Parameter text: Any text; an empty or punctuation-only text gives no tokens.
    /// - Returns: Lowercase, diacritic-free tokens, stopwords included.
    public static func tokens(_ text: String) -> [String] {
        scan(text).tokens.map(\.text)
    }

    /// The normalised form of a text: its tokens joined by single spaces.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The tokens of `text` separated by one space.
    public static func normalize(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    /// Whether a normalised token is in ``stopwords``.
    ///
    /// - Parameter token: A token as ``tokens(_:)`` returns it.
    /// - Returns: `true` for a stopword.
    public static func isStopword(_ token: String) -> Bool {
        stopwords.contains(token)
    }
}
