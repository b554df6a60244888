import Testing

@testable import FeedWatchAnalysis

@Suite("EntityExtractor")
struct EntityExtractorTests {
    let extractor = EntityExtractor()

    @Test func titlesBeforeANameAreDropped() {
        let names = extractor.names(in: "Talks resumed after Secretary of State Antony Blinken landed in Cairo.")
        #expect(names == ["Antony Blinken", "Cairo"])
    }

    @Test func demonymsMapToTheirCountry() {
        #expect(
            extractor.names(in: "Egyptian and Qatari mediators met Israeli officials.") == [
                "Egypt", "Qatar", "Israel",
            ]
        )
    }

    @Test func possessivesAreDropped() {
        #expect(extractor.names(in: "The talks hinge on Hamas's answer and Israel’s cabinet.") == ["Hamas", "Israel"])
    }

    @Test func commonWordsStartingASentenceAreNotNames() {
        #expect(extractor.names(in: "Officials said little. Negotiators left. After that, mediators waited.").isEmpty)
    }

    @Test func multiWordOrganisationsKeepTheirConnectors() {
        #expect(
            extractor.names(in: "a statement from the World Health Organization on Monday") == [
                "World Health Organization"
            ]
        )
    }

    @Test func monthsAndWeekdaysAreNotNames() {
        #expect(extractor.names(in: "The vote is on Thursday, and the deadline in March.").isEmpty)
    }

    @Test func topicAliasesMapToTheCanonicalName() {
        let extractor = EntityExtractor(aliases: ["IDF": "Israel Defense Forces"])
        #expect(extractor.names(in: "The IDF said the strikes had stopped.") == ["Israel Defense Forces"])
    }

    @Test func aTitleCaseHeadlineIsSkippedButAPlainOneIsRead() {
        let skipped = extractor.entities(title: "Envoy Says Talks Will Resume Next Week", body: ["Qatar hosts."])
        #expect(skipped == ["Qatar"])
        let read = extractor.entities(title: "Hartmann says talks will resume in Oslo", body: [])
        #expect(read == ["Hartmann", "Oslo"])
    }
}

@Suite("EntityExtractor: kinds and roles")
struct EntityMentionTests {
    let extractor = EntityExtractor()

    func mentions(_ text: String) -> [EntityMention] {
        extractor.mentions(title: nil, body: [text])
    }

    @Test func aTitleRunsToItsLastRoleWord() {
        #expect(
            mentions("Turkish Defence Minister Hulusi Akar said the centre would open.") == [
                EntityMention(name: "Hulusi Akar", kind: .person, role: "turkish defence minister")
            ]
        )
    }

    @Test func aKnownTitleInsideARunIsPartOfTheTitle() {
        #expect(
            mentions("The meeting was hosted by US Secretary of State Antony Blinken.") == [
                EntityMention(name: "Antony Blinken", kind: .person, role: "us secretary of state", takesPart: true)
            ]
        )
    }

    @Test func aLowerCaseRoleBeforeANameIntroducesIt() {
        let found = mentions("Kremlin spokesman Dmitry Peskov declined to comment.")
        #expect(found.last == EntityMention(name: "Dmitry Peskov", kind: .person, role: "spokesman"))
        #expect(found.last?.isSpokesperson == true)
    }

    @Test func anAppositionAfterANameIntroducesIt() {
        #expect(
            mentions("Amir Abdulla, the UN coordinator, wrote to the parties.").first
                == EntityMention(name: "Amir Abdulla", kind: .person, role: "un coordinator")
        )
    }

    @Test func aTitleOfTheNextNameIsNoApposition() {
        let found = mentions("Ships will leave from Odesa, Defence Minister Hulusi Akar said.")
        #expect(found.first == EntityMention(name: "Odesa", kind: .other))
        #expect(found.last?.name == "Hulusi Akar")
    }

    @Test func aDescriptorMakesAnOrganisation() {
        #expect(
            mentions("a plan to reconnect the agricultural bank Rosselkhozbank to SWIFT").first
                == EntityMention(name: "Rosselkhozbank", kind: .organisation, role: "agricultural bank")
        )
    }

    @Test func anAcronymOfANamedOrganisationIsThatOrganisation() {
        #expect(
            mentions("The wheat was bought by the World Food Programme. The WFP said more would follow.") == [
                EntityMention(name: "World Food Programme", kind: .organisation)
            ]
        )
        #expect(EntityMention(name: "World Food Programme", kind: .organisation).keys.contains("WFP"))
    }

    @Test func aSurnameOfANamedPersonIsThatPerson() {
        #expect(
            mentions("Akar spoke first. Turkish Defence Minister Hulusi Akar said the centre would open.").map(\.name)
                == ["Hulusi Akar"]
        )
    }

    @Test func aHyphenatedModifierIsNotPartOfTheName() {
        #expect(
            extractor.names(in: "a strike with US-supplied Harpoon missiles on Russian-occupied Kherson") == [
                "Harpoon", "Kherson",
            ]
        )
    }

    @Test func commonWordsOpeningASentenceBeforeANameAreNotPartOfIt() {
        #expect(
            extractor.names(in: "Under the Istanbul deal, ships sail. A UN official agreed.") == ["Istanbul", "UN"]
        )
    }

    @Test func shipsAreVessels() {
        #expect(
            mentions("The bulk carrier Brave Commander and the Sierra Leone-flagged Razoni sailed.").map(\.kind)
                == [.vessel, .vessel]
        )
        #expect(mentions("the Sierra Leone-flagged Razoni sailed").map(\.name) == ["Razoni"])
    }

    @Test func newsAgenciesCitedAsSourcesAreMedia() {
        #expect(mentions("he told the Harbor Press news agency on Monday").first?.kind == .media)
    }

    @Test func namedPlacesArePlaces() {
        #expect(
            mentions("Ships crossed the Black Sea to Dolmabahce Palace near Istanbul in Turkey.").map(\.kind).prefix(2)
                == [.place, .place]
        )
    }

    @Test func commonWordsAndVerbFormsStartingASentenceAreNotNames() {
        #expect(
            extractor.names(in: "Posted on Monday. Neither side spoke. Appearing later, Lavrov said no.") == ["Lavrov"]
        )
    }

    @Test func aCommonWordIsANameWhenTheTextAlsoCapitalisesItInsideASentence() {
        #expect(extractor.names(in: "Putin said no. Talks with Putin stalled.") == ["Putin", "Putin"])
    }
}

@Suite("Gazetteer")
struct GazetteerTests {
    @Test func countriesCapitalsDemonymsAndAlternativeNamesAreKnown() {
        #expect(Gazetteer.canonical("qatari") == "Qatar")
        #expect(Gazetteer.canonical("State of Israel") == "Israel")
        #expect(Gazetteer.canonical("Doha") == "Doha")
        #expect(Gazetteer.kind(of: "Doha") == .capital)
        #expect(Gazetteer.kind(of: "Egypt") == .country)
        #expect(Gazetteer.canonical("Harbor Wire") == nil)
    }
}

@Suite("EntityExtractor: who takes part in the talks and who comments")
struct EntityPartTests {
    let extractor = EntityExtractor()

    func takesPart(_ name: String, in text: String) throws -> Bool {
        try #require(extractor.mentions(title: nil, body: [text]).first { $0.name == name }).takesPart
    }

    @Test func aVerbOfTakingPartAfterTheNameMakesItTakePart() throws {
        #expect(try takesPart("Ingrid Solberg", in: "Foreign Minister Ingrid Solberg will fly to Doha for the talks."))
        #expect(try takesPart("Tomas Berg", in: "Deputy Minister Tomas Berg signed the protocol on Friday."))
    }

    @Test func theObjectOfAVerbOfTakingPartTakesPart() throws {
        #expect(try takesPart("Ali Mansour", in: "The envoy later met Interior Minister Ali Mansour in Cairo."))
    }

    @Test func theSecondOfTwoSignatoriesTakesPartToo() throws {
        let text = "Defence Minister Pavel Orlov signed for one side and Trade Minister Anna Weiss for the other."
        #expect(try takesPart("Anna Weiss", in: text))
    }

    @Test func aPartnerInTalksTakesPart() throws {
        let text = "The proposal came out of talks in Vienna with UN aid chief Laila Haddad on Sunday."
        #expect(try takesPart("Laila Haddad", in: text))
    }

    @Test func someoneEnteringAnOfficeEntersTheTalks() throws {
        let named = "Hamas named political chief Khalid Nour as its lead negotiator on Monday."
        let appointed = "Deputy Minister Sara Levin was appointed to head the delegation."
        #expect(try takesPart("Khalid Nour", in: named))
        #expect(try takesPart("Sara Levin", in: appointed))
    }

    @Test func aMinisterWhoOnlySpeaksComments() throws {
        #expect(try !takesPart("Karl Lund", in: "Finance Minister Karl Lund said the truce was fragile."))
        #expect(try !takesPart("Maria Costa", in: "Foreign Minister Maria Costa welcomed the agreement."))
    }

    @Test func theVerbsInsideWhatSomeoneSaysAreNotTheirs() throws {
        let text = "Security adviser Omar Idris said any breach would meet a firm response from the army."
        #expect(try !takesPart("Omar Idris", in: text))
    }

    @Test func aStatementMadeAfterTalksShowsThatTheSpeakerTookPart() throws {
        let text =
            "Deputy Foreign Minister Yuri Petrov said on Monday after talks in Geneva that a rollover was possible."
        #expect(try takesPart("Yuri Petrov", in: text))
    }

    @Test func aNegotiatingRoleTakesPartByItself() throws {
        #expect(try takesPart("Lena Hartmann", in: "Special Envoy Lena Hartmann declined to comment."))
        #expect(try takesPart("Noor Saleh", in: "The UN coordinator for the truce, Noor Saleh, wrote to both sides."))
    }

    @Test func aTitleThatIsAJobNotAPartInTheTalksDoesNotByItself() throws {
        #expect(try !takesPart("Martin Olsen", in: "The relief coordinator Martin Olsen said aid was waiting."))
    }

    @Test func theVerbAfterAnAppositionIsTheNamesVerb() throws {
        let chairs = "Piet Vermeulen, the UN coordinator, will chair the monitoring committee."
        let speaks = "Piet Vermeulen, the UN coordinator, said the committee was ready."
        #expect(try takesPart("Piet Vermeulen", in: chairs))
        #expect(try !takesPart("Piet Vermeulen", in: speaks))
    }
}

@Suite("EntityExtractor: names as wire reports write them")
struct EntityNameFormTests {
    let extractor = EntityExtractor()

    func mentions(_ text: String) -> [EntityMention] {
        extractor.mentions(title: nil, body: [text])
    }

    @Test func aCommonGivenNameOpeningASentenceStartsTheName() {
        #expect(mentions("Mark Brennan, the bloc's trade envoy, arrived on Monday.").first?.name == "Mark Brennan")
        #expect(mentions("Bill Osei will lead the monitoring mission.").first?.name == "Bill Osei")
    }

    @Test func aCommonWordOpeningASentenceIsStillDropped() {
        #expect(mentions("Despite Tamara Velic's warning, the talks went on.").first?.name == "Tamara Velic")
        #expect(mentions("Will Hamas accept the offer?").first?.name == "Hamas")
    }

    @Test func aHyphenatedTitleIsATitleNotAModifier() {
        #expect(
            mentions("President-elect Ana Duarte spoke to reporters.").first
                == EntityMention(name: "Ana Duarte", kind: .person, role: "president-elect", takesPart: false)
        )
    }

    @Test func aRoleAfterAPossessiveIsSomeoneElses() {
        let found = mentions("Lena Hartmann, Ana Duarte's special envoy, landed in Doha.")
        #expect(found.first { $0.name == "Ana Duarte" }?.role == nil)
    }

    @Test func anAppositionWithAPossessiveGivesTheRole() {
        let found = mentions("Ron Dermer, Israel's strategic affairs minister, will lead the delegation.")
        #expect(found.first?.name == "Ron Dermer")
        #expect(found.first?.role == "israel strategic affairs minister")
        #expect(found.first?.takesPart == true)
    }

    @Test func theNextClausesSubjectAfterAPossessiveIsNoApposition() {
        let found = mentions("Ships left for Africa, Asia and Europe, Ukraine's infrastructure ministry said.")
        #expect(found.first { $0.name == "Europe" }?.role == nil)
    }

    @Test func anArabicParticleJoinsTheName() {
        #expect(mentions("Senior official Khalil al-Hayya spoke in Cairo.").first?.name == "Khalil al-Hayya")
    }

    @Test func aRoleAfterAsIsTheNamesRole() {
        let found = mentions("The group named Yahya Sinwar as its new political leader.")
        #expect(found.first { $0.name == "Yahya Sinwar" }?.role == "new political leader")
    }

    @Test func aRelativeClauseSaysWhatTheNameDoes() {
        let found = mentions("Hamas official Khalil al-Hayya, who leads the negotiating team, spoke in Cairo.")
        #expect(found.first { $0.name == "Khalil al-Hayya" }?.takesPart == true)
    }
}
