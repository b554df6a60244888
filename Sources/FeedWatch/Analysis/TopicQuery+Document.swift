extension TopicQuery {
    /// A document's tokens prepared for matching: in order for phrases, and as a set for terms.
    struct Document: Sendable {
        /// The tokens, in order.
        let tokens: [String]
        /// The distinct tokens.
        let vocabulary: Set<String>

        /// Prepares tokens for matching.
        init(_ tokens: [String]) {
            self.tokens = tokens
            self.vocabulary = Set(tokens)
        }

        /// Whether `words` occur consecutively.
        func containsPhrase(_ words: [String]) -> Bool {
            guard let first = words.first, words.count <= tokens.count else {
                return false
            }
            guard words.allSatisfy(vocabulary.contains) else {
                return false
            }
            let rest = words.dropFirst()
            for start in 0...(tokens.count - words.count) where tokens[start] == first {
                var offset = 1
                var matched = true
                for word in rest {
                    if tokens[start + offset] != word {
                        matched = false
                        break
                    }
                    offset += 1
                }
                if matched {
                    return true
                }
            }
            return false
        }
    }
}
