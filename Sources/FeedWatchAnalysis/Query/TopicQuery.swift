/// A compiled boolean query that decides whether an item belongs to a topic.
///
/// The language:
///
/// - A word is a term; it matches a whole normalised token, so it is case- and diacritic-insensitive and
///   `war` does not match `warsaw`. A word that normalises to several tokens (`al-Sisi`, `U.S.-led`) is a phrase.
/// - `"quoted words"` is a phrase: the tokens must appear consecutively. Straight and curly quotes both work.
/// - `NOT x`, `x AND y`, `x OR y`, in that order of precedence (NOT binds tightest); only uppercase operators
///   are operators, so lowercase `and`, `or` and `not` are ordinary terms.
/// - Adjacent terms are combined with an implicit `AND`; parentheses group.
/// - `negotiat*` is a prefix: it matches any token that starts with `negotiat`.
/// - `x NEAR/n y` matches when a match of `x` and a match of `y` (terms, phrases or prefixes) start at most `n`
///   tokens apart, in either order; it binds tighter than `NOT`.
/// - `title:x` matches `x` in the headline only; `entity:x` matches `x` within the names of the people,
///   organisations and places the item mentions (`entity:"lena hartmann"`, `entity:qatar`). A scope applies to
///   the word, phrase, prefix or parenthesised group right after the colon.
///
/// Matching checks terms against a set of the document's tokens and scans only for phrases whose words are all
/// present, so it costs little more than one set look-up per term.
public struct TopicQuery: Sendable, Equatable, CustomStringConvertible {
    /// A node of the parsed query.
    /// A part of an item that a query can be scoped to.
    enum Field: String, Sendable, Equatable {
        /// The headline.
        case title
        /// The names of the entities the item mentions.
        case entity
    }

    indirect enum Node: Sendable, Equatable {
        case term(String)
        case phrase([String])
        case prefix(String)
        case near(Node, Node, Int)
        case field(Field, Node)
        case and([Node])
        case or([Node])
        case not(Node)
    }

    /// The query as written.
    public let source: String
    /// The parsed query.
    let root: Node

    /// Parses a query.
    ///
    /// - Parameter query: The query text.
    /// - Throws: An ``AnalysisError`` with code ``AnalysisError/Code/invalidQuery`` and the 1-based
    ///   ``AnalysisError/column`` of the problem when the query is empty, has unbalanced parentheses, a dangling
    ///   operator, an unterminated quote, an empty phrase, or a term without letters or digits.
    public init(_ query: String) throws(AnalysisError) {
        try self.init(query, role: "query")
    }

    /// Parses a query, naming it `role` (for example `match query`) in error messages.
    init(_ query: String, role: String) throws(AnalysisError) {
        var parser = try Parser(query: query, role: role)
        self.source = query
        self.root = try parser.parse()
    }

    /// Whether a document's tokens satisfy the query.
    ///
    /// - Parameter tokens: The document's tokens, as ``TextNormalizer/tokens(_:)`` returns them.
    /// - Returns: `true` when the query matches.
    public func matches(_ tokens: [String]) -> Bool {
        matches(Document(tokens))
    }

    /// Whether a prepared document satisfies the query; prepare a document once to test it against many queries.
    func matches(_ document: Document) -> Bool {
        Self.evaluate(root, in: document)
    }

    /// The parsed query in canonical form, with explicit operators and parentheses.
    /// Whether the query looks at entities (an `entity:` scope), so the analyzer must extract them first.
    var usesEntities: Bool {
        Self.usesEntities(root)
    }

    private static func usesEntities(_ node: Node) -> Bool {
        switch node {
        case .term, .phrase, .prefix: false
        case .field(let field, let inner): field == .entity || usesEntities(inner)
        case .near(let left, let right, _): usesEntities(left) || usesEntities(right)
        case .and(let nodes), .or(let nodes): nodes.contains(where: usesEntities)
        case .not(let inner): usesEntities(inner)
        }
    }

    public var description: String {
        Self.render(root)
    }

    private static func evaluate(_ node: Node, in document: Document) -> Bool {
        switch node {
        case .term(let term):
            document.vocabulary.contains(term)
        case .phrase(let words):
            document.containsPhrase(words)
        case .prefix(let prefix):
            document.vocabulary.contains { $0.hasPrefix(prefix) }
        case .near(let left, let right, let distance):
            document.isNear(left, right, within: distance)
        case .field(let field, let inner):
            evaluate(inner, in: document.scoped(to: field))
        case .and(let nodes):
            nodes.allSatisfy { evaluate($0, in: document) }
        case .or(let nodes):
            nodes.contains { evaluate($0, in: document) }
        case .not(let node):
            !evaluate(node, in: document)
        }
    }

    private static func render(_ node: Node) -> String {
        switch node {
        case .term(let term):
            term
        case .phrase(let words):
            "\"" + words.joined(separator: " ") + "\""
        case .prefix(let prefix):
            prefix + "*"
        case .near(let left, let right, let distance):
            "(" + render(left) + " NEAR/\(distance) " + render(right) + ")"
        case .field(let field, let inner):
            field.rawValue + ":" + render(inner)
        case .and(let nodes):
            "(" + nodes.map(render).joined(separator: " AND ") + ")"
        case .or(let nodes):
            "(" + nodes.map(render).joined(separator: " OR ") + ")"
        case .not(let node):
            "NOT " + render(node)
        }
    }
}
