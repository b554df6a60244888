/// One topic's other names for entities (`IDF` → `Israel Defense Forces`), applied to the entities an item names,
/// so that new actors, `entity:` scopes and evidence use the canonical name.
///
/// An alias is recognised two ways, case-insensitively: as an entity the extractor found (`IDF`, `Islamic
/// Resistance Movement`), and as a phrase in the item's headline or lede, which also finds aliases that are not
/// capitalised names (`Israeli army`).
struct TopicAliases: Sendable {
    /// Canonical names by lower-cased alias.
    private let canonical: [String: String]
    /// Each alias's normalised tokens with its canonical name, longest first.
    private let phrases: [(tokens: [String], name: String)]

    /// Whether the topic has no aliases.
    var isEmpty: Bool { canonical.isEmpty }

    /// Creates a topic's aliases.
    ///
    /// - Parameter aliases: Canonical names by alias, as configured.
    init(_ aliases: [String: String]) {
        var canonical: [String: String] = [:]
        var phrases: [(tokens: [String], name: String)] = []
        for (alias, name) in aliases.sorted(by: { $0.key < $1.key }) {
            canonical[alias.lowercased()] = name
            let tokens = TextNormalizer.tokens(alias)
            if !tokens.isEmpty {
                phrases.append((tokens, name))
            }
        }
        self.canonical = canonical
        self.phrases = phrases.sorted { $0.tokens.count > $1.tokens.count }
    }

    /// The entities with aliases replaced by canonical names, then the canonical names of aliases found as phrases
    /// in the tokens; each name once, in that order.
    ///
    /// - Parameters:
    ///   - entities: The entities the extractor found.
    ///   - tokens: The normalised tokens of the headline and lede.
    /// - Returns: The topic's entities.
    func apply(to entities: [String], tokens: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for entity in entities {
            let name = canonical[entity.lowercased()] ?? entity
            if seen.insert(name).inserted {
                result.append(name)
            }
        }
        for phrase in phrases where !seen.contains(phrase.name) && Self.contains(tokens, phrase.tokens) {
            seen.insert(phrase.name)
            result.append(phrase.name)
        }
        return result
    }

    /// The mentions with aliases replaced by canonical names, then the topic's `entities` (see
    /// ``apply(to:tokens:)``) that no mention names, as organisations: the topic's user named them as entities.
    ///
    /// - Parameters:
    ///   - mentions: The mentions the extractor found.
    ///   - entities: The topic's entities.
    /// - Returns: The topic's mentions, each name once.
    func apply(to mentions: [EntityMention], entities: [String]) -> [EntityMention] {
        var seen = Set<String>()
        var result: [EntityMention] = []
        for var mention in mentions {
            mention.name = canonical[mention.name.lowercased()] ?? mention.name
            if seen.insert(mention.name).inserted {
                result.append(mention)
            }
        }
        for name in entities where seen.insert(name).inserted {
            result.append(EntityMention(name: name, kind: .organisation))
        }
        return result
    }

    /// The names an `entity:` scope matches: the topic's entities and the aliases the item used.
    ///
    /// - Parameters:
    ///   - entities: The entities the extractor found.
    ///   - tokens: The normalised tokens of the headline and lede.
    /// - Returns: The canonical names followed by the names as written.
    func searchableNames(of entities: [String], tokens: [String]) -> [String] {
        apply(to: entities, tokens: tokens) + entities
    }

    private static func contains(_ tokens: [String], _ phrase: [String]) -> Bool {
        guard let first = phrase.first, phrase.count <= tokens.count else {
            return false
        }
        for start in 0...(tokens.count - phrase.count) where tokens[start] == first {
            if phrase.indices.allSatisfy({ tokens[start + $0] == phrase[$0] }) {
                return true
            }
        }
        return false
    }
}
