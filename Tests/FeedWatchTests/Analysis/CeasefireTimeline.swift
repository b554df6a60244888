import Foundation

@testable import FeedWatchConfig
@testable import FeedWatchCore

/// A ceasefire-talks timeline written for these tests: a proposal, rejections, talks moving between cities, an
/// agreement and its collapse, syndicated copies and look-alike distractors. Times are hours after
/// ``AnalysisSamples/start``.
enum CeasefireTimeline {
    static let harbor = FeedReference(id: 1, url: "https://harbor.example/feed", name: "Harbor Wire")
    static let lakeside = FeedReference(id: 2, url: "https://lakeside.example/rss", name: "Lakeside Ledger")
    static let courier = FeedReference(id: 3, url: "https://courier.example/rdf", name: "Northern Courier")
    static let gazette = FeedReference(id: 4, url: "https://gazette.example/atom", name: "Valley Gazette")

    /// The timeline's topic. Its tests are about confirmation by several outlets (copies counting once, follow-ups,
    /// hysteresis), so one strong headline does not confirm a change here (`headline_confirms: false`);
    /// ``StatusTransitionTests`` covers the default.
    static let topic = TopicConfiguration(
        id: "ceasefire",
        name: "Gaza ceasefire talks",
        match: "(ceasefire OR truce OR hostages) AND (hamas OR israel OR gaza)",
        exclude: "football OR league",
        status: "negotiation",
        rules: TopicChangeRules(headlineConfirms: false)
    )

    static func item(_ id: String, hours: Double, _ title: String, _ body: String) -> FeedItem {
        FeedItem(
            id: "urn:test:\(id)",
            title: title,
            link: "https://news.example/\(id)",
            published: AnalysisSamples.at(hours: hours),
            summary: body
        )
    }

    static let proposal = item(
        "proposal",
        hours: 0,
        "Hamas puts forward a phased truce plan",
        "Hamas proposed a three-stage ceasefire for Gaza on Sunday, starting with a six-week pause and a swap of "
            + "hostages for prisoners. Egyptian and Qatari mediators carried the paper to Israel overnight."
    )
    static let rejection = item(
        "rejection",
        hours: 26,
        "Israel rejects the truce plan as unworkable",
        "Israel's cabinet rejected the ceasefire proposal on Monday. A spokesman called the demand for a "
            + "permanent end to the war a non-starter, and Hamas said the door to a hostage deal had been shut."
    )
    static let rejectionElsewhere = item(
        "rejection-courier",
        hours: 27,
        "Ministers turned down the Hamas offer after a night of debate",
        "After sitting through the night, ministers voted against the phased ceasefire offer. Officials in "
            + "Jerusalem said it would stop the war in Gaza before every hostage came home."
    )
    static let rejectionFollowUp = item(
        "rejection-follow-up",
        hours: 29,
        "Why the cabinet said no to the Gaza plan",
        "Three ministers explained on Monday evening why they rejected the ceasefire: the release schedule "
            + "left the last hostages in Gaza until the very end, and the withdrawal map was never shared."
    )
    static let rejectionThird = item(
        "rejection-third",
        hours: 31,
        "Opposition leader backs the decision to reject the truce offer",
        "Even the opposition leader said Israel was right to reject the offer in its current form, though he "
            + "urged the government to send a delegation back to the table quickly for the hostages' sake."
    )
    static let talksInDoha = item(
        "doha",
        hours: 50,
        "Negotiators regroup in Doha as Cairo round ends",
        "Negotiations over a Gaza ceasefire resumed in Doha on Wednesday, with Qatar hosting delegations from "
            + "Israel and Hamas after talks in Cairo broke up. Mediators said both sides studied a new timetable."
    )
    static let talksInDohaElsewhere = item(
        "doha-gazette",
        hours: 52,
        "Delegations arrive in Qatar for another round on the hostages",
        "Israeli and Hamas negotiators landed in Doha on Wednesday evening for a further round of talks on a "
            + "truce, officials said, two days after the Cairo meetings ended without a result."
    )
    static let proposalAgain = item(
        "proposal-again",
        hours: 30,
        "Hamas puts its plan back on the table with small changes",
        "Hamas proposed a revised ceasefire text for Gaza on Monday afternoon, trimming the first stage to "
            + "five weeks and offering to free more hostages early, a spokesman for the group said."
    )
    static let proposalAgainElsewhere = item(
        "proposal-again-courier",
        hours: 31,
        "Revised offer from Hamas lands with the mediators",
        "A new draft deal reached the mediators on Monday: Hamas now proposes a shorter opening pause in Gaza "
            + "and more hostages released in the first week, according to two people who saw it."
    )
    static let proposalAgainThird = item(
        "proposal-again-gazette",
        hours: 32,
        "Egypt circulates the amended Hamas proposal",
        "Cairo circulated the amended Hamas proposal to Israel late on Monday, describing it as a workable basis "
            + "for a ceasefire in Gaza that would bring hostages home in stages."
    )
    static let sportsTruce = item(
        "sports",
        hours: 3,
        "Rival clubs agree a truce over ticket prices",
        "The two city clubs agreed to a truce in their row over away tickets, the league said on Sunday."
    )
    static let otherCeasefire = item(
        "other",
        hours: 4,
        "Ceasefire talks for the eastern front stall in Geneva",
        "Envoys in Geneva said the ceasefire talks over the eastern front had stalled, with both armies trading "
            + "accusations over shelling near the river."
    )
}
