import Foundation
import Testing

@testable import FeedWatchAlerts
@testable import FeedWatchCore

@Suite("DeliveryPlanner: what a sink is sent now")
struct DeliveryPlannerTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A pending delivery of an alert raised `raised` seconds after `start`, due when raised unless `due` is given.
    private func pending(_ id: String, topic: String = "ceasefire", raised: Double, due: Double? = nil)
        -> PendingDelivery
    {
        var alert = Sample.alert(id: id, topic: topic, at: start.addingTimeInterval(raised))
        alert.createdAt = start.addingTimeInterval(raised)
        return PendingDelivery(
            alert: alert,
            sink: "hook",
            attempts: due == nil ? 0 : 1,
            nextAttemptAt: start.addingTimeInterval(due ?? raised)
        )
    }

    private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    @Test func topicsWithoutGroupingAreSentOneAlertAtATime() {
        let plan = DeliveryPlanner().plan(
            [pending("a", raised: 0), pending("b", raised: 5)],
            lastSent: [:],
            now: at(10)
        )
        #expect(plan.map(\.alert.id) == ["a", "b"])
        #expect(plan.allSatisfy { $0.deliveries.count == 1 })
    }

    @Test func aRetryingAlertHoldsBackItsTopicButNotOtherTopics() {
        let queue = [
            pending("a", raised: 0, due: 60), pending("b", raised: 5), pending("x", topic: "elections", raised: 6),
        ]
        let plan = DeliveryPlanner().plan(queue, lastSent: [:], now: at(10))
        #expect(plan.map(\.alert.id) == ["x"])
    }

    @Test func aDigestWaitsForItsWindowThenCarriesEveryAlertRaisedInIt() throws {
        let planner = DeliveryPlanner(grouping: ["ceasefire": .digest(seconds: 600)])
        let queue = [pending("a", raised: 0), pending("b", raised: 200), pending("c", raised: 700)]
        #expect(planner.plan(queue, lastSent: [:], now: at(599)).isEmpty)
        let plan = planner.plan(queue, lastSent: [:], now: at(800))
        let message = try #require(plan.first)
        #expect(plan.count == 1)
        #expect(message.alert.kind == .digest)
        #expect(message.deliveries.map(\.alert.id) == ["a", "b"], "c was raised after the window closed")
        #expect(message.alert.alerts?.map(\.id) == ["a", "b"])
        #expect(message.alert.summary.hasPrefix("2 alerts for topic ceasefire (2 new_story)"))
    }

    @Test func planningTheSameDigestAgainGivesTheSameID() {
        let planner = DeliveryPlanner(grouping: ["ceasefire": .digest(seconds: 60)])
        let queue = [pending("a", raised: 0), pending("b", raised: 30)]
        let first = planner.plan(queue, lastSent: [:], now: at(61)).first?.alert.id
        let again = planner.plan(queue + [pending("c", raised: 90)], lastSent: [:], now: at(120)).first?.alert.id
        #expect(first != nil)
        #expect(first == again)
    }

    @Test func aDigestOfOneAlertIsThatAlert() {
        let planner = DeliveryPlanner(grouping: ["ceasefire": .digest(seconds: 60)])
        let plan = planner.plan([pending("a", raised: 0)], lastSent: [:], now: at(61))
        #expect(plan.map(\.alert.id) == ["a"])
        #expect(plan.first?.alert.kind == .newStory)
    }

    @Test func cooldownSendsTheFirstAlertAtOnceAndHoldsTheRest() {
        let planner = DeliveryPlanner(grouping: ["ceasefire": .cooldown(seconds: 3600)])
        let first = planner.plan([pending("a", raised: 0), pending("b", raised: 0)], lastSent: [:], now: at(0))
        #expect(first.map(\.alert.id) == ["a"])
        let held = [pending("b", raised: 0), pending("c", raised: 1200)]
        #expect(planner.plan(held, lastSent: ["ceasefire": at(0)], now: at(3599)).isEmpty)
        let released = planner.plan(held, lastSent: ["ceasefire": at(0)], now: at(3600))
        #expect(released.count == 1)
        #expect(released.first?.alert.kind == .digest)
        #expect(released.first?.deliveries.map(\.alert.id) == ["b", "c"])
    }

    @Test func afterAQuietCooldownTheNextAlertGoesAtOnce() {
        let planner = DeliveryPlanner(grouping: ["ceasefire": .cooldown(seconds: 3600)])
        let plan = planner.plan([pending("d", raised: 7200)], lastSent: ["ceasefire": at(0)], now: at(7200))
        #expect(plan.map(\.alert.id) == ["d"])
    }
}
