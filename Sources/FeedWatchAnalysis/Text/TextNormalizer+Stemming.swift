extension TextNormalizer {
    /// Suffixes removed by ``stem(_:)``, tried in order.
    private static let suffixes = ["ing", "ed", "es", "s", "ly"]

    /// Words left out of ``terms(_:)``: ``stopwords`` and other function words and reporting verbs that carry no
    /// topic.
    public static let indexStopwords: Set<String> = stopwords.union([
        "about", "above", "after", "again", "against", "all", "am", "any", "because", "before", "being", "below",
        "between", "both", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "further",
        "having", "here", "hers", "herself", "him", "himself", "how", "i", "if", "itself", "just", "me", "more",
        "most", "my", "myself", "no", "nor", "not", "now", "off", "once", "only", "other", "ours", "ourselves",
        "out", "over", "own", "same", "should", "some", "such", "theirs", "themselves", "through", "too", "under",
        "until", "up", "very", "what", "when", "where", "while", "whom", "why", "your", "yours", "yourself",
        "yourselves", "said", "says", "also", "one", "two", "new",
    ])

    /// A light stem: one of `-ing`, `-ed`, `-es`, `-s`, `-ly` removed when at least four letters remain, so
    /// `talks`, `talked` and `talking` meet at `talk`.
    ///
    /// - Parameter token: A normalised token.
    /// - Returns: The stem.
    public static func stem(_ token: String) -> String {
        for suffix in suffixes where token.hasSuffix(suffix) && token.count - suffix.count >= 4 {
            return String(token.dropLast(suffix.count))
        }
        return token
    }

    /// The index terms of a text: its tokens without ``indexStopwords`` and one-letter tokens, stemmed.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The terms, in order, repeats included.
    public static func terms(_ text: String) -> [String] {
        tokens(text).compactMap(term)
    }

    /// The index term of one token: `nil` for ``indexStopwords`` and one-letter tokens, else its stem.
    ///
    /// - Parameter token: A normalised token.
    /// - Returns: The stemmed term, or `nil`.
    public static func term(_ token: String) -> String? {
        token.count > 1 && !indexStopwords.contains(token) ? stem(token) : nil
    }
}
