extension EntityExtractor {
    /// Words that end a person's title, capitalised before a name (`Defence Minister Hulusi Akar`) or lower-case
    /// before or after one (`the UN coordinator for the initiative, Amir Abdulla`): everything up to the last of
    /// them in a capitalised run is the title, the rest the name.
    static let personRoles: Set<String> = [
        "minister", "secretary", "secretary-general", "president", "vice-president", "premier", "chancellor",
        "envoy", "representative", "coordinator", "co-ordinator", "negotiator", "mediator", "ambassador", "adviser",
        "advisor", "administrator", "commissioner", "director", "director-general", "chief", "head", "chairman",
        "chairwoman", "chair", "governor", "mayor", "senator", "spokesman", "spokeswoman", "spokesperson",
        "official", "diplomat", "general", "commander", "admiral", "leader", "king", "queen", "prince", "emir",
        "sheikh", "pope", "judge", "prosecutor", "delegate", "deputy", "undersecretary", "under-secretary",
        "executive", "ceo", "founder", "economist", "analyst", "lawmaker", "mp", "president-elect",
        "minister-designate", "premier-designate",
    ]

    /// Roles that speak for an actor rather than act (see ``EntityMention/isSpokesperson``).
    static let spokespersonRoles: Set<String> = ["spokesman", "spokeswoman", "spokesperson", "spokespeople"]

    /// Last words of organisations' names.
    static let organisationHeads: Set<String> = [
        "centre", "center", "programme", "program", "organisation", "organization", "agency", "bank", "council",
        "fund", "committee", "commission", "union", "ministry", "office", "court", "authority", "alliance",
        "association", "corporation", "company", "group", "institute", "foundation", "service", "federation",
        "department", "secretariat", "directorate", "bureau", "board", "assembly", "parliament", "party",
        "coalition", "front", "movement", "brigades", "committees", "nations", "inc", "ltd", "plc", "llc",
    ]

    /// Lower-case words that introduce an organisation's name (`the agricultural bank Rosselkhozbank`).
    static let organisationDescriptors: Set<String> = [
        "bank", "lender", "agency", "company", "firm", "group", "insurer", "charity", "organisation",
        "organization", "body", "ministry", "militia", "movement", "party", "alliance", "union", "operator",
        "trader", "exporter", "producer", "conglomerate", "watchdog", "regulator", "fund",
    ]

    /// Lower-case words that introduce a ship's name (`the bulk carrier Brave Commander`).
    static let vesselDescriptors: Set<String> = [
        "ship", "vessel", "carrier", "freighter", "tanker", "bulker", "boat", "cruiser", "frigate", "warship",
        "destroyer", "submarine", "ferry", "tug", "barge", "flagship",
    ]

    /// Lower-case words that introduce a news organisation cited as a source (`the Interfax news agency`).
    static let mediaDescriptors: Set<String> = [
        "newspaper", "broadcaster", "daily", "weekly", "outlet", "newswire", "channel", "tabloid", "website",
    ]

    /// Last words of places' names (`Black Sea`, `Dolmabahce Palace`).
    static let placeHeads: Set<String> = [
        "sea", "ocean", "strait", "straits", "gulf", "bay", "river", "lake", "island", "islands", "peninsula",
        "port", "harbour", "harbor", "canal", "coast", "valley", "mountains", "desert", "palace", "bridge",
        "square", "street", "avenue", "oblast", "region", "province", "district", "county", "city", "airport",
        "station", "border", "crossing", "corridor", "forum", "summit", "conference", "games", "cup",
    ]

    /// Words that end a look-around for a role: a verb or conjunction means the role word belongs to someone else.
    static let roleStops: Set<String> = [
        "and", "or", "but", "with", "said", "says", "told", "tells", "met", "meets", "to", "by", "from", "that",
        "than", "after", "before", "while", "when", "as", "at", "in", "on", "who", "which", "was", "is", "were",
        "are", "has", "had", "have", "will", "would", "named", "names", "appointed", "appoints", "elected", "elects",
        "picked", "picks", "chose", "chooses",
    ]

    /// The role word among `words` that says what a name is, and what kind that makes it.
    static func descriptor(_ word: String) -> EntityMention.Kind? {
        let lower = word.lowercased()
        if personRoles.contains(lower) {
            return .person
        }
        if organisationDescriptors.contains(lower) {
            return .organisation
        }
        if vesselDescriptors.contains(lower) {
            return .vessel
        }
        if mediaDescriptors.contains(lower) {
            return .media
        }
        return nil
    }
}
