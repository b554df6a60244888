extension TopicQuery {
    /// One lexical element of a query, with its 1-based column.
    struct Lexeme: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case openParenthesis
            case closeParenthesis
            case and
            case or
            case not
            case words([String])
            case prefix(String)
            case near(Int)
            case field(Field)
        }

        var kind: Kind
        var column: Int
        var text: String

        var isOperator: Bool {
            switch kind {
            case .and, .or, .not, .near: true
            default: false
            }
        }
    }

    /// A recursive-descent parser: `or := and (OR and)*`, `and := unary ((AND)? unary)*`,
    /// `unary := NOT* near`, `near := primary (NEAR/n primary)*`, `primary := words | prefix* | field: primary |
    /// ( or )`.
    struct Parser {
        private static let maximumDepth = 64

        private let role: String
        private let lexemes: [Lexeme]
        private var position = 0

        init(query: String, role: String) throws(AnalysisError) {
            self.role = role
            self.lexemes = try Self.lex(query, role: role)
        }

        mutating func parse() throws(AnalysisError) -> Node {
            guard !lexemes.isEmpty else {
                throw Self.error(role, "is empty; write at least one term", column: 1)
            }
            let node = try parseOr(depth: 0)
            if position < lexemes.count {
                let lexeme = lexemes[position]
                throw Self.error(
                    role,
                    "has an unmatched ')' at column \(lexeme.column); remove it or add a '(' before it",
                    column: lexeme.column
                )
            }
            return node
        }

        private mutating func parseOr(depth: Int) throws(AnalysisError) -> Node {
            var parts = [try parseAnd(depth: depth)]
            while let lexeme = peek(), lexeme.kind == .or {
                position += 1
                parts.append(try parseAnd(depth: depth))
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        private mutating func parseAnd(depth: Int) throws(AnalysisError) -> Node {
            var parts = [try parseUnary(depth: depth)]
            while let lexeme = peek() {
                switch lexeme.kind {
                case .and:
                    position += 1
                    parts.append(try parseUnary(depth: depth))
                case .words, .prefix, .field, .not, .openParenthesis:
                    parts.append(try parseUnary(depth: depth))
                case .or, .closeParenthesis, .near:
                    return parts.count == 1 ? parts[0] : .and(parts)
                }
            }
            return parts.count == 1 ? parts[0] : .and(parts)
        }

        private mutating func parseUnary(depth: Int) throws(AnalysisError) -> Node {
            var negations = 0
            while let lexeme = peek(), lexeme.kind == .not {
                position += 1
                negations += 1
            }
            let operand = try parseNear(depth: depth)
            return negations % 2 == 1 ? .not(operand) : operand
        }

        private mutating func parseNear(depth: Int) throws(AnalysisError) -> Node {
            var left = try parsePrimary(depth: depth)
            while let lexeme = peek(), case .near(let distance) = lexeme.kind {
                position += 1
                let right = try parsePrimary(depth: depth)
                guard Self.isPositional(left), Self.isPositional(right) else {
                    throw Self.error(
                        role,
                        "has '\(lexeme.text)' at column \(lexeme.column) between something other than words, "
                            + "phrases or prefixes; NEAR compares two of those",
                        column: lexeme.column
                    )
                }
                left = .near(left, right, distance)
            }
            return left
        }

        private static func isPositional(_ node: Node) -> Bool {
            switch node {
            case .term, .phrase, .prefix: true
            default: false
            }
        }

        private mutating func parsePrimary(depth: Int) throws(AnalysisError) -> Node {
            let previous = position > 0 ? lexemes[position - 1] : nil
            guard let lexeme = peek() else {
                throw missingOperand(before: nil, after: previous)
            }
            switch lexeme.kind {
            case .words(let words):
                position += 1
                return words.count == 1 ? .term(words[0]) : .phrase(words)
            case .prefix(let prefix):
                position += 1
                return .prefix(prefix)
            case .field(let field):
                position += 1
                guard let next = peek(), next.kind != .closeParenthesis, !next.isOperator else {
                    throw Self.error(
                        role,
                        "has '\(lexeme.text)' at column \(lexeme.column) with nothing to scope; write a word, a "
                            + "phrase or a parenthesised group right after the colon",
                        column: lexeme.column
                    )
                }
                return .field(field, try parsePrimary(depth: depth))
            case .openParenthesis:
                position += 1
                guard depth < Self.maximumDepth else {
                    throw Self.error(
                        role,
                        "nests parentheses more than \(Self.maximumDepth) deep at column \(lexeme.column); "
                            + "simplify it",
                        column: lexeme.column
                    )
                }
                let inner = try parseOr(depth: depth + 1)
                guard let close = peek(), close.kind == .closeParenthesis else {
                    throw Self.error(
                        role,
                        "has an unclosed parenthesis at column \(lexeme.column); add the missing ')'",
                        column: lexeme.column
                    )
                }
                position += 1
                return inner
            case .closeParenthesis, .and, .or, .not, .near:
                throw missingOperand(before: lexeme, after: previous)
            }
        }

        private func missingOperand(before next: Lexeme?, after previous: Lexeme?) -> AnalysisError {
            if let previous, previous.isOperator {
                if let next, next.isOperator {
                    return Self.error(
                        role,
                        "has '\(next.text)' at column \(next.column) right after '\(previous.text)'; "
                            + "put a term between them or remove one",
                        column: next.column
                    )
                }
                return Self.error(
                    role,
                    "has '\(previous.text)' at column \(previous.column) with nothing after it; "
                        + "add a term after it or remove it",
                    column: previous.column
                )
            }
            if let previous, previous.kind == .openParenthesis {
                if let next, next.kind == .closeParenthesis {
                    return Self.error(
                        role,
                        "has empty parentheses at column \(previous.column); put a term between them or remove them",
                        column: previous.column
                    )
                }
                if next == nil {
                    return Self.error(
                        role,
                        "has an unclosed parenthesis at column \(previous.column); add the missing ')'",
                        column: previous.column
                    )
                }
            }
            guard let next else {
                return Self.error(role, "is empty; write at least one term", column: 1)
            }
            if next.kind == .closeParenthesis {
                return Self.error(
                    role,
                    "has an unmatched ')' at column \(next.column); remove it or add a '(' before it",
                    column: next.column
                )
            }
            return Self.error(
                role,
                "has '\(next.text)' at column \(next.column) with nothing before it; "
                    + "add a term before it or remove it",
                column: next.column
            )
        }

        private func peek() -> Lexeme? {
            position < lexemes.count ? lexemes[position] : nil
        }

        private static func error(_ role: String, _ problem: String, column: Int) -> AnalysisError {
            AnalysisError(code: .invalidQuery, message: "the \(role) \(problem)", column: column)
        }

        private static func isQuote(_ character: Character) -> Bool {
            character == "\"" || character == "\u{201C}" || character == "\u{201D}"
        }

        private static func lex(_ query: String, role: String) throws(AnalysisError) -> [Lexeme] {
            let characters = Array(query)
            var lexemes: [Lexeme] = []
            var index = 0
            while index < characters.count {
                let character = characters[index]
                let column = index + 1
                if character.isWhitespace {
                    index += 1
                } else if character == "(" {
                    lexemes.append(Lexeme(kind: .openParenthesis, column: column, text: "("))
                    index += 1
                } else if character == ")" {
                    lexemes.append(Lexeme(kind: .closeParenthesis, column: column, text: ")"))
                    index += 1
                } else if isQuote(character) {
                    var end = index + 1
                    while end < characters.count, !isQuote(characters[end]) {
                        end += 1
                    }
                    guard end < characters.count else {
                        throw error(
                            role,
                            "has an unterminated quote at column \(column); add the closing '\"'",
                            column: column
                        )
                    }
                    let text = String(characters[(index + 1)..<end])
                    let words = TextNormalizer.tokens(text)
                    guard !words.isEmpty else {
                        throw error(
                            role,
                            "has an empty phrase at column \(column); put words between the quotes or remove them",
                            column: column
                        )
                    }
                    lexemes.append(Lexeme(kind: .words(words), column: column, text: "\"\(text)\""))
                    index = end + 1
                } else {
                    var end = index
                    while end < characters.count, !characters[end].isWhitespace, characters[end] != "(",
                        characters[end] != ")", !isQuote(characters[end])
                    {
                        end += 1
                    }
                    var text = String(characters[index..<end])
                    var wordColumn = column
                    if let colon = text.firstIndex(of: ":"), let field = Field(rawValue: String(text[..<colon])) {
                        lexemes.append(Lexeme(kind: .field(field), column: column, text: field.rawValue + ":"))
                        wordColumn += text.distance(from: text.startIndex, to: colon) + 1
                        text = String(text[text.index(after: colon)...])
                    }
                    if !text.isEmpty {
                        lexemes.append(try word(text, column: wordColumn, role: role))
                    }
                    index = end
                }
            }
            return lexemes
        }

        private static func word(_ text: String, column: Int, role: String) throws(AnalysisError) -> Lexeme {
            switch text {
            case "AND": return Lexeme(kind: .and, column: column, text: text)
            case "OR": return Lexeme(kind: .or, column: column, text: text)
            case "NOT": return Lexeme(kind: .not, column: column, text: text)
            default: break
            }
            if text.hasPrefix("NEAR/") || text == "NEAR" {
                guard let distance = Int(text.dropFirst(5)), (1...100).contains(distance) else {
                    throw error(
                        role,
                        "has '\(text)' at column \(column); write NEAR/n with a distance n from 1 to 100",
                        column: column
                    )
                }
                return Lexeme(kind: .near(distance), column: column, text: text)
            }
            if text.hasSuffix("*") {
                let stem = TextNormalizer.tokens(String(text.dropLast()))
                guard stem.count == 1, let prefix = stem.first, !text.dropLast().contains("*") else {
                    throw error(
                        role,
                        "has the prefix '\(text)' at column \(column); a prefix is one word followed by '*', "
                            + "such as negotiat*",
                        column: column
                    )
                }
                return Lexeme(kind: .prefix(prefix), column: column, text: text)
            }
            let words = TextNormalizer.tokens(text)
            guard !words.isEmpty else {
                throw error(
                    role,
                    "has the term '\(text)' at column \(column), which has no letters or digits; remove it",
                    column: column
                )
            }
            return Lexeme(kind: .words(words), column: column, text: text)
        }
    }
}
