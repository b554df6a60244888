/// Finds what a topic query most likely got wrong although it parses: a scope the language does not have
/// (`headline:ceasefire`), or an upper-case word that looks like an operator but is not one (`XOR`, `NEAR5`). The
/// query language would read those as plain words and quietly match something else, so the configuration refuses
/// them with what to write instead.
///
/// Text in quotes is never questioned, so `"re:publica"` or `"XOR"` can still be searched for as written.
enum TopicQueryLint {
    /// The scopes the query language has (`TopicQuery`'s fields); a test keeps the two lists equal.
    static let scopes = ["title", "entity"]

    /// Names people give a scope, with the scope they mean.
    private static let scopeSynonyms = [
        "headline": "title", "headlines": "title", "heading": "title", "subject": "title",
        "person": "entity", "people": "entity", "org": "entity", "organisation": "entity", "organization": "entity",
        "place": "entity", "actor": "entity", "name": "entity",
    ]

    /// The first problem in `query`, as a sentence that names its 1-based column and what to write instead.
    ///
    /// - Parameters:
    ///   - query: The query as written.
    ///   - role: What the query is, for the sentence (`match query`, `exclude query`).
    /// - Returns: The problem, or `nil` when none is found.
    static func problem(in query: String, role: String) -> String? {
        for (word, column) in words(of: query) {
            if let problem = operatorLookAlike(word) {
                return "the \(role) has '\(word)' at column \(column), \(problem)"
            }
            if let problem = unknownScope(word) {
                return "the \(role) has '\(word)' at column \(column), \(problem)"
            }
        }
        return nil
    }

    /// The unquoted words of a query with their 1-based columns, split as the query language splits them: at
    /// white space, parentheses and quotes.
    private static func words(of query: String) -> [(String, Int)] {
        let characters = Array(query)
        var words: [(String, Int)] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isQuote(character) {
                index += 1
                while index < characters.count, !isQuote(characters[index]) { index += 1 }
                index += 1
            } else if character.isWhitespace || character == "(" || character == ")" {
                index += 1
            } else {
                let start = index
                while index < characters.count, !characters[index].isWhitespace, characters[index] != "(",
                    characters[index] != ")", !isQuote(characters[index])
                {
                    index += 1
                }
                words.append((String(characters[start..<index]), start + 1))
            }
        }
        return words
    }

    private static func isQuote(_ character: Character) -> Bool {
        character == "\"" || character == "\u{201C}" || character == "\u{201D}"
    }

    /// Why an upper-case word looks like an operator that the language does not have, if it does.
    private static func operatorLookAlike(_ word: String) -> String? {
        let operators = "the operators are AND, OR, NOT and NEAR/n, in upper case"
        switch word {
        case "XOR", "NAND", "ANDNOT", "AND_NOT", "ANDOR", "AND/OR":
            return "which is not an operator (\(operators)); write it in lower case to search for the word."
        default:
            break
        }
        // NEAR5, NEAR-5, and other search engines' proximity operators (W/5, PRE/5, ADJ/5); the query language
        // judges NEAR/n itself.
        for proximity in ["NEAR", "W/", "PRE/", "ADJ/"] where word.hasPrefix(proximity) {
            var rest = word.dropFirst(proximity.count)
            if proximity == "NEAR", let separator = rest.first {
                guard separator != "/" else { return nil }
                if "-_:=".contains(separator) { rest = rest.dropFirst() }
            }
            if !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit) {
                return "which is not an operator; write NEAR/\(rest) for words at most \(rest) apart."
            }
        }
        return nil
    }

    /// Why `scope:…` names a scope the language does not have, if it does.
    private static func unknownScope(_ word: String) -> String? {
        guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { return nil }
        let scope = String(word[..<colon])
        let rest = word[word.index(after: colon)...]
        guard scope.allSatisfy(\.isASCIILetter), !scopes.contains(scope),
            rest.first.map({ $0.isLetter || $0.isNumber }) ?? true
        else { return nil }
        let known = scopes.map { "\($0):" }.joined(separator: " and ")
        let suggestion =
            scopeSynonyms[scope.lowercased()]
            ?? ConfigKeySuggester.suggestion(for: scope, among: scopes)
        let guess = suggestion.map { "did you mean '\($0):'? " } ?? ""
        return "which is not a scope; \(guess)The scopes are \(known) (quote the text to search for it as written)."
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}
