import FeedWatchAnalysis

/// Where the words of a text are, with their normalised form, to highlight the ones a query matched.
enum TokenSpans {
    /// One word of a text.
    struct Span {
        var range: Range<String.Index>
        var token: String
    }

    /// The normalised tokens of a text.
    static func tokens(_ text: String) -> [String] {
        TextNormalizer.tokens(text)
    }

    /// The runs of letters and digits (with inner apostrophes) in `text`, each with its first normalised token.
    static func spans(in text: String) -> [Span] {
        var spans: [Span] = []
        var start: String.Index?
        var index = text.startIndex
        func close(at end: String.Index) {
            guard let begin = start else { return }
            let range = begin..<end
            if let token = TextNormalizer.tokens(String(text[range])).first {
                spans.append(Span(range: range, token: token))
            }
            start = nil
        }
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = text.index(after: index)
        }
        close(at: text.endIndex)
        return spans
    }
}
