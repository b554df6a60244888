import Foundation

/// Short texts about ceasefire talks, written for these tests.
enum AnalysisSamples {
    static let proposalBody = """
        Mediators in Cairo presented a three-stage plan on Tuesday that would pause the fighting for six weeks, \
        swap hostages for prisoners in several rounds and let aid convoys enter through two crossings. Officials \
        familiar with the document said the first stage would begin within days of a signature and that the later \
        stages would be negotiated while the pause holds. Qatar and Egypt urged both sides to answer quickly.
        """

    static let proposalTrailer = """
        The previous round of talks ended without result in early spring, and aid groups have warned that \
        conditions in the south are worsening every week.
        """

    static let rejectionBody = """
        Israel's security cabinet voted late on Thursday against the plan, saying the sequencing of releases left \
        too many questions open. A government spokesman said the delegation would stay home until the terms change, \
        while Hamas accused the cabinet of wasting the chance of a pause before winter.
        """

    static let unrelatedBody = """
        Aid agencies said on Wednesday that fuel shortages have forced two more hospitals to cut services, and \
        that trucks waiting at the border are being turned back for paperwork. Relief officials asked donors to \
        fund generators while diplomats keep working on a pause in the fighting.
        """

    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func at(hours: Double) -> Date {
        start.addingTimeInterval(hours * 3_600)
    }
}
