/// One entity a text names, with what the text says it is.
public struct EntityMention: Sendable, Equatable, Hashable, Codable {
    /// What kind of thing a name is, as far as the text shows.
    public enum Kind: String, Sendable, Codable {
        /// A person: named with a title (`Foreign Minister Sergei Lavrov`), a role (`the UN coordinator, Amir
        /// Abdulla`), or a run of capitalised words that is no place or organisation.
        case person
        /// An organisation: a name ending in a word such as `Programme`, `Centre` or `Bank`, an acronym, or a
        /// name introduced as one (`the agricultural bank Rosselkhozbank`).
        case organisation
        /// A country, capital, demonym or named place (`Black Sea`, `Dolmabahce Palace`).
        case place
        /// A ship (`the bulk carrier Brave Commander`, `the Sierra Leone-flagged Razoni`).
        case vessel
        /// A news organisation cited as a source (`the Interfax news agency`).
        case media
        /// A single capitalised word nothing more is known about (`Odesa`, `Putin`).
        case other
    }

    /// The canonical name.
    public var name: String
    /// What it is.
    public var kind: Kind
    /// The role the text gives it, lower-cased (`turkish defence minister`, `un coordinator`, `agricultural
    /// bank`); `nil` when the text gives none.
    public var role: String?
    /// Whether the text shows it taking part in the talks (signing, meeting, negotiating, in a negotiating role),
    /// not only commenting on them; see ``EntityExtractor/takesPart(_:_:role:)``.
    public var takesPart: Bool

    /// Creates a mention.
    public init(name: String, kind: Kind, role: String? = nil, takesPart: Bool = false) {
        self.name = name
        self.kind = kind
        self.role = role
        self.takesPart = takesPart
    }

    /// Whether the role is a spokesperson's: someone who speaks for an actor, not an actor of their own.
    public var isSpokesperson: Bool {
        guard let role else {
            return false
        }
        return role.split(separator: " ").contains { EntityExtractor.spokespersonRoles.contains(String($0)) }
            || role.contains("press secretary")
    }

    /// Whether the text introduces it as an actor of the talks: an organisation with a role (`the agricultural
    /// bank Rosselkhozbank`), or a person with a role whom the text shows taking part (``takesPart``). A person
    /// with a role who only comments (`Secretary of State Antony Blinken welcomed the deal`) is not introduced
    /// as an actor by that.
    public var isIntroducedActor: Bool {
        guard role != nil, !isSpokesperson else {
            return false
        }
        return kind == .organisation || (kind == .person && takesPart)
    }

    /// Whether the mention can be an actor: a person or an organisation, not a place, ship, news source or bare
    /// word.
    public var canAct: Bool {
        kind == .person || kind == .organisation
    }

    /// The names the same entity goes by: the name, a person's surname (`Lavrov` for `Sergei Lavrov`) and an
    /// organisation's initials (`WFP` for `World Food Programme`).
    public var keys: [String] {
        var keys = [name]
        let words = name.split(separator: " ").map(String.init)
        guard words.count >= 2 else {
            return keys
        }
        switch kind {
        case .person:
            if let surname = words.last {
                keys.append(surname)
            }
        case .organisation:
            let initials = words.filter { !EntityExtractor.connectors.contains($0) }.compactMap(\.first)
            if initials.count >= 2 {
                keys.append(String(initials).uppercased())
            }
        default:
            break
        }
        return keys
    }
}
