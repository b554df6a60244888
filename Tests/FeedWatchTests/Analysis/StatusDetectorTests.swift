import Testing

@testable import FeedWatchAnalysis

@Suite("StatusDetector")
struct StatusDetectorTests {
    let detector = StatusDetector(preset: .negotiation)

    @Test(arguments: [
        ("Egypt floats a proposal for a phased truce", "proposed", "floats"),
        ("Envoys put forward a three-step plan", "proposed", "put forward"),
        ("Delegations return to Doha for more talks", "negotiating", "Delegations"),
        ("Truce efforts hit an impasse over prisoner lists", "stalled", "impasse"),
        ("Israel rejects the latest truce draft", "rejected", "rejects"),
        ("Hamas turned down the offer on Monday", "rejected", "turned down"),
        ("Both sides agreed to a six-week pause", "agreed", "agreed"),
        ("The truce took effect at dawn", "in_effect", "took effect"),
        ("Each side says the other violated the truce", "violated", "violated"),
        ("The ceasefire broke down overnight", "collapsed", "broke down"),
    ])
    func eachStateIsDetectedFromItsCues(title: String, status: String, cue: String) {
        let detection = detector.detect(title: title, body: nil)
        let expected = StatusDetector.Detection(
            status: status,
            cue: cue,
            sentence: title,
            inHeadline: status != "negotiating"
        )
        #expect(detection == expected)
    }

    @Test(arguments: [
        "Israel did not reject the plan",
        "Hamas has not agreed to the terms",
        "Officials say they didn't reject the offer",
        "The cabinet denied it had violated anything",
        "Hamas is yet to reject the offer",
    ])
    func negatedCuesDoNotCount(title: String) {
        let detection = detector.detect(title: title, body: nil)
        #expect(detection == nil)
    }

    @Test func negationDoesNotReachAcrossSentences() {
        let detection = detector.detect(title: "No comment. Israel rejects the draft", body: nil)
        #expect(detection?.status == "rejected")
    }

    @Test func titleCuesBeatBodyCues() {
        let detection = detector.detect(
            title: "Israel rejects the truce draft",
            body: "The draft, agreed by mediators and agreed by Qatar, was agreed in principle last week."
        )
        #expect(detection?.status == "rejected")
    }

    @Test func bodyDecidesWhenTheTitleHasNoSpecificCue() {
        let detection = detector.detect(
            title: "Ceasefire update from Cairo",
            body: "Hamas dismissed the latest proposal on Sunday."
        )
        #expect(detection?.status == "rejected")
    }

    @Test func negotiatingLosesToASpecificState() {
        let detection = detector.detect(title: "Talks stall as negotiators and mediators leave", body: nil)
        #expect(detection?.status == "stalled")
    }

    @Test func tiesGoToTheHigherPriorityState() {
        let detection = detector.detect(title: "Israel rejects Hamas proposal", body: nil)
        let expected = StatusDetector.Detection(
            status: "rejected",
            cue: "rejects",
            sentence: "Israel rejects Hamas proposal",
            inHeadline: true
        )
        #expect(detection == expected)
    }

    @Test func cueIsReportedAsWritten() {
        let detection = detector.detect(title: "Truce TOOK  EFFECT at noon", body: nil)
        #expect(detection?.cue == "TOOK  EFFECT")
    }

    @Test func unknownPresetIsAnError() {
        #expect(throws: AnalysisError.self) { try StatusDetector(presetNamed: "elections") }
        #expect(StatusPreset.named("Negotiation") == .negotiation)
        #expect(StatusPreset.named("elections") == nil)
    }

    @Test func cueSentenceIsTheBodySentenceThatHoldsTheCue() {
        let body =
            "Mediators met in Cairo on Monday. After a long night, the cabinet rejected the U.S. draft. "
            + "Hamas called that a mistake."
        let detection = detector.detect(title: "Talks in Cairo", body: body)
        #expect(detection?.status == "rejected")
        #expect(detection?.sentence == "After a long night, the cabinet rejected the U.S. draft.")
    }
}

@Suite("StatusDetector: hedges, hearsay and recaps")
struct StatusDetectorQualificationTests {
    let detector = StatusDetector(preset: .negotiation)

    @Test(arguments: [
        "Israel could reject the plan",
        "Hamas threatened to walk away from the talks",
        "If Israel rejects the offer, mediators will try again",
        "Unconfirmed reports say the cabinet rejected the offer",
        "The cabinet reportedly rejected the offer",
    ])
    func hedgedOrHearsayCuesDoNotCount(title: String) {
        #expect(detector.detect(title: title, body: nil)?.status != "rejected")
    }

    @Test(arguments: [
        "The plan Israel rejected last week is back",
        "The deal agreed in 2024 is the model",
        "A previously rejected draft returns",
    ])
    func recapsOfEarlierStagesDoNotCount(title: String) {
        let status = detector.detect(title: title, body: nil)?.status
        #expect(status != "rejected" && status != "agreed")
    }

    @Test func aHedgedCueLeavesTheFactualOneToDecide() {
        let detection = detector.detect(
            title: "Talks in Doha",
            body: "Hamas could reject the map. On Tuesday the cabinet agreed to the first stage of the truce."
        )
        #expect(detection?.status == "agreed")
        #expect(detection?.sentence == "On Tuesday the cabinet agreed to the first stage of the truce.")
    }
}

@Suite("Status presets: incident and legislation")
struct StatusPresetTests {
    @Test(arguments: [
        ("A fire broke out at the depot", "reported"),
        ("Two people were killed in the blast", "casualties"),
        ("The fire is spreading to nearby warehouses", "escalating"),
        ("Police opened an investigation into the explosion", "investigating"),
        ("Firefighters brought the blaze under control", "contained"),
        ("Power restored to all homes after the outage", "resolved"),
    ])
    func incidentStatesAreDetected(title: String, status: String) throws {
        let detector = try StatusDetector(presetNamed: "incident")
        #expect(detector.detect(title: title, body: nil)?.status == status)
    }

    @Test(arguments: [
        ("Senator introduces a bill on data privacy", "introduced"),
        ("The privacy bill goes to committee hearings", "in_committee"),
        ("Lawmakers amended the bill overnight", "amended"),
        ("The senate passed the privacy bill", "passed"),
        ("The president signed into law the privacy bill", "enacted"),
        ("The governor vetoed the bill", "vetoed"),
        ("The court struck down the law", "struck_down"),
        ("The bill was voted down", "failed"),
        ("Lawmakers debate the bill", "debated"),
    ])
    func legislationStatesAreDetected(title: String, status: String) throws {
        let detector = try StatusDetector(presetNamed: "legislation")
        #expect(detector.detect(title: title, body: nil)?.status == status)
    }
}
