extension TopicQuery {
    /// Whether the query has an `entity:` scope, so matching needs the item's entities
    /// (``Analyzer/entities(of:)``).
    public var needsEntities: Bool {
        usesEntities
    }

    /// Whether an item matches, and why: the words of the query's positive terms, phrases and prefixes that the
    /// item holds (a prefix gives the words it matched), so a user trying a query sees what made it match.
    ///
    /// - Parameters:
    ///   - tokens: The item's normalised tokens, headline first (``TextNormalizer/tokens(_:)``).
    ///   - title: The headline's tokens, for `title:` scopes.
    ///   - entities: The entities' names, for `entity:` scopes.
    /// - Returns: The matched words, in the order the query names them, or `nil` when the query does not match.
    public func why(tokens: [String], title: [String], entities: [String]? = nil) -> [String]? {
        let document = Document(tokens, title: title, entities: entities)
        guard matches(document) else { return nil }
        return words(in: document)
    }

    /// The words of the query's positive terms, phrases and prefixes that `document` holds, in query order.
    func words(in document: Document) -> [String] {
        var words: [String] = []
        Self.collect(root, in: document, into: &words)
        return words
    }

    /// Collects the words of the positive leaves that hold in `document` (nothing under a `NOT`).
    private static func collect(_ node: Node, in document: Document, into words: inout [String]) {
        func add(_ word: String) {
            if !words.contains(word) { words.append(word) }
        }
        switch node {
        case .term(let term):
            if document.vocabulary.contains(term) { add(term) }
        case .phrase(let phrase):
            if document.containsPhrase(phrase) { phrase.forEach(add) }
        case .prefix(let prefix):
            for token in document.tokens where token.hasPrefix(prefix) { add(token) }
        case .near(let left, let right, let distance):
            if document.isNear(left, right, within: distance) {
                collect(left, in: document, into: &words)
                collect(right, in: document, into: &words)
            }
        case .field(let field, let inner):
            collect(inner, in: document.scoped(to: field), into: &words)
        case .and(let nodes), .or(let nodes):
            for node in nodes { collect(node, in: document, into: &words) }
        case .not:
            break
        }
    }
}
