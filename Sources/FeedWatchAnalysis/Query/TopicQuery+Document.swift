extension TopicQuery {
    /// The tokens a query is matched against: the whole item, its headline, and its entities' names.
    struct Document: Sendable {
        /// The token that separates entity names, so that a phrase never spans two names.
        static let separator = "\u{1F}"

        let tokens: [String]
        let vocabulary: Set<String>
        let titleTokens: [String]?
        private let entityTokens: [String]?

        /// Creates a document.
        ///
        /// - Parameters:
        ///   - tokens: The item's normalised tokens, headline first.
        ///   - title: The headline's tokens, for `title:` scopes (default: none).
        ///   - entities: The entities' names, for `entity:` scopes (default: none).
        init(_ tokens: [String], title: [String]? = nil, entities: [String]? = nil) {
            self.tokens = tokens
            self.vocabulary = Set(tokens)
            self.titleTokens = title
            self.entityTokens = entities.map { names in
                names.flatMap { TextNormalizer.tokens($0) + [Self.separator] }
            }
        }

        /// The part of the document a scope looks at.
        func scoped(to field: Field) -> Document {
            switch field {
            case .title: Document(titleTokens ?? [])
            case .entity: Document(entityTokens ?? [])
            }
        }

        /// Where a term, phrase or prefix starts in the tokens; empty when it does not occur.
        func positions(of node: Node) -> [Int] {
            switch node {
            case .term(let term):
                guard vocabulary.contains(term) else {
                    return []
                }
                return tokens.indices.filter { tokens[$0] == term }
            case .phrase(let words):
                return phrasePositions(words)
            case .prefix(let prefix):
                return tokens.indices.filter { tokens[$0].hasPrefix(prefix) }
            default:
                return []
            }
        }

        /// Whether matches of two nodes start at most `distance` tokens apart.
        func isNear(_ left: Node, _ right: Node, within distance: Int) -> Bool {
            let first = positions(of: left)
            guard !first.isEmpty else {
                return false
            }
            let second = positions(of: right)
            var index = 0
            for position in first {
                while index < second.count, second[index] < position - distance {
                    index += 1
                }
                if index < second.count, second[index] <= position + distance {
                    return true
                }
            }
            return false
        }

        func containsPhrase(_ words: [String]) -> Bool {
            !phrasePositions(words, first: true).isEmpty
        }

        private func phrasePositions(_ words: [String], first onlyFirst: Bool = false) -> [Int] {
            guard let first = words.first, words.count <= tokens.count, words.allSatisfy(vocabulary.contains) else {
                return []
            }
            var starts: [Int] = []
            for start in 0...(tokens.count - words.count) where tokens[start] == first {
                if words.indices.allSatisfy({ tokens[start + $0] == words[$0] }) {
                    starts.append(start)
                    if onlyFirst {
                        break
                    }
                }
            }
            return starts
        }
    }
}
