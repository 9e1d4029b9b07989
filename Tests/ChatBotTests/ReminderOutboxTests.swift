import AcademyStore
import ChatBot
import Foundation
import Testing

@Suite("Reminders through the outbox")
struct ReminderOutboxTests {
    @Test("planning twice in one period queues and posts nothing new")
    func idempotent() async throws {
        let harness = try DeliveryHarness(configuration: .init(rateLimiting: .off))
        var scenario = ReminderScenario()
        harness.clock.set(scenario.now)
        for index in scenario.channels.indices {
            scenario.channels[index].platform = .generic
            try await harness.addChannel(scenario.channels[index].name)
        }
        let plan = ReminderPlanner().plan(scenario.input())
        let rows = plan.reminders.map { $0.outboxMessage(at: scenario.now) }
        #expect(try await harness.store.enqueue(rows) == plan.reminders.count)
        let first = try await harness.delivery.drain()
        #expect(first.delivered == plan.reminders.count)
        #expect(first.posts == 2, "one merged post per channel")
        let posts = harness.receiver.bodies.count

        let again = ReminderPlanner().plan(scenario.input(at: scenario.now.addingTimeInterval(3600)))
        #expect(try await harness.store.existingOutboxKeys(again.reminders.map(\.idempotencyKey)).count == again.reminders.count)
        #expect(try await harness.store.enqueue(again.reminders.map { $0.outboxMessage(at: scenario.now) }) == 0)
        #expect(try await harness.delivery.drain().delivered == 0)
        #expect(harness.receiver.bodies.count == posts)
    }

    @Test("the next digest announces only the courses the previous one did not count")
    func digestBaseline() async throws {
        let store = try SQLiteStore()
        var scenario = ReminderScenario()
        scenario.channels = [.init(name: "pmo-team", unitID: 2, platform: .slack)]
        let digest = try #require(ReminderPlanner().plan(scenario.input()).reminders.first { $0.kind == .digest })
        _ = try await store.enqueue([digest.outboxMessage(at: scenario.now)])
        let last = try #require(try await store.latestOutboxMessage(keyPrefix: PlannedReminder.keyPrefix(channel: "pmo-team", kind: .digest)))
        scenario.channels[0].previousDigestCourses = try OutboxPayload.decode(last.payload).announcedCourses
        #expect(scenario.channels[0].previousDigestCourses == ["risk", "scope"])
        let next = try #require(ReminderPlanner().plan(scenario.input(at: utc(2026, 3, 25, 9))).reminders.first { $0.kind == .digest })
        #expect(next.period == "2026-W12")
        #expect(next.message.paragraphs.contains("New courses: none."))
    }
}
