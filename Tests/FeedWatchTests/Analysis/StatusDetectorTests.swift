import Testing

@testable import FeedWatch

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
        ("Ceasefire talks broke down overnight", "collapsed", "broke down"),
    ])
    func eachStateIsDetectedFromItsCues(title: String, status: String, cue: String) {
        let detection = detector.detect(title: title, body: nil)
        #expect(detection == StatusDetector.Detection(status: status, cue: cue, sentence: title))
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
            status: "rejected", cue: "rejects", sentence: "Israel rejects Hamas proposal"
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
        let body = "Mediators met in Cairo on Monday. After a long night, the cabinet rejected the U.S. draft. "
            + "Hamas called that a mistake."
        let detection = detector.detect(title: "Talks in Cairo", body: body)
        #expect(detection?.status == "rejected")
        #expect(detection?.sentence == "After a long night, the cabinet rejected the U.S. draft.")
    }
}
