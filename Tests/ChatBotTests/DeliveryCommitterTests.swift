import AcademyCore
import AcademyStore
@testable import ChatBot
import Foundation
import Testing

@Suite("Delivery: group commit of delivered posts")
struct DeliveryCommitterTests {
    /// Claims `count` fresh messages of channel `c` and returns their ids.
    private func claimedIDs(_ harness: DeliveryHarness, count: Int) async throws -> [Int64] {
        try await harness.enqueue("c", Array(0..<count))
        let claimed = try await harness.store.claimOutbox(now: deliveryT0, leaseUntil: deliveryT0.addingTimeInterval(300), limit: 10_000)
        #expect(claimed.count == count)
        #expect(claimed.allSatisfy { $0.leaseUntil == deliveryT0.addingTimeInterval(300) && $0.status == .pending })
        return claimed.compactMap(\.id)
    }

    @Test("ids handed over from many tasks are all committed once finish returns")
    func commitsEverything() async throws {
        let harness = try DeliveryHarness()
        let ids = try await claimedIDs(harness, count: 300)
        let committer = DeliveryCommitter(store: harness.store, clock: harness.clock, backlogLimit: 16)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slice in stride(from: 0, to: ids.count, by: 30) {
                let part = Array(ids[slice..<min(ids.count, slice + 30)])
                group.addTask {
                    var index = 0
                    while index < part.count {
                        // Posts of one or two messages, as merged posts are.
                        let size = index % 3 == 0 ? 2 : 1
                        try await committer.record(Array(part[index..<min(part.count, index + size)]))
                        index += size
                    }
                }
            }
            try await group.waitForAll()
        }
        try await committer.finish()
        let rows = try await harness.store.outbox(status: nil, limit: 1000)
        #expect(rows.count == 300)
        #expect(rows.allSatisfy { $0.status == .delivered && $0.attempts == 1 && $0.leaseUntil == nil && $0.deliveredAt != nil })
    }

    @Test("finish with nothing handed over returns at once; finish twice is harmless")
    func finishEmpty() async throws {
        let harness = try DeliveryHarness()
        let committer = DeliveryCommitter(store: harness.store, clock: harness.clock)
        try await committer.finish()
        let ids = try await claimedIDs(harness, count: 3)
        try await committer.record(ids)
        try await committer.finish()
        try await committer.finish()
        #expect(try await harness.store.outbox(status: .delivered, limit: 10).count == 3)
    }

    @Test("a drain over many channels delivers every message exactly once and leaves nothing leased")
    func manyChannels() async throws {
        let harness = try DeliveryHarness(configuration: .init(claimLimit: 37, mergeLimit: 1, rateLimiting: .off))
        for channel in 0..<12 {
            try await harness.addChannel("ch\(channel)")
            try await harness.enqueue("ch\(channel)", Array((channel * 100)..<(channel * 100 + 25)))
        }
        let report = try await harness.delivery.drain()
        #expect(report.delivered == 300 && report.posts == 300 && report.dead == 0 && report.retrying == 0)
        let rows = try await harness.store.outbox(status: nil, limit: 1000)
        #expect(rows.count == 300 && rows.allSatisfy { $0.status == .delivered && $0.leaseUntil == nil })
        let posted = harness.receiver.posted
        for channel in 0..<12 {
            for number in (channel * 100)..<(channel * 100 + 25) {
                #expect(posted["msg-\(number)"] == 1, "msg-\(number)")
            }
        }
        // Each channel's messages arrived in order.
        let bodies = harness.receiver.bodies
        for channel in 0..<12 {
            let numbers = bodies.flatMap(ScriptedReceiver.tokens(in:)).compactMap { Int($0.dropFirst(4)) }
                .filter { $0 / 100 == channel }
            #expect(numbers == numbers.sorted(), "channel \(channel): \(numbers)")
        }
    }

    @Test("a drain cancelled mid-way leaves nothing leased, and the next drain posts the rest")
    func cancelledDrain() async throws {
        // Small claims, no rate limit: claims are taken ahead while earlier ones are posted.
        let harness = try DeliveryHarness(configuration: .init(claimLimit: 4, mergeLimit: 1, rateLimiting: .off))
        for channel in 0..<3 {
            try await harness.addChannel("ch\(channel)")
            try await harness.enqueue("ch\(channel)", Array((channel * 100)..<(channel * 100 + 20)))
        }
        harness.receiver.answerOthers { _ in .init(status: 200, body: "ok", delay: 0.02) }
        let drain = Task { try await harness.delivery.drain() }
        while harness.receiver.bodies.count < 6 { try await Task.sleep(for: .milliseconds(5)) }
        drain.cancel()
        var stoppedAfter: Int?
        do {
            _ = try await drain.value
            Issue.record("a cancelled drain should throw")
        } catch let stopped as Delivery.Stopped {
            stoppedAfter = stopped.delivered
        }

        let afterCancel = try await harness.store.outbox(status: nil, limit: 1000)
        #expect(afterCancel.count == 60)
        #expect(stoppedAfter == afterCancel.filter { $0.status == .delivered }.count, "the count it reports is what is recorded")
        #expect(afterCancel.allSatisfy { $0.leaseUntil == nil }, "leased after the cancelled drain: \(afterCancel.filter { $0.leaseUntil != nil }.count)")
        #expect(afterCancel.contains { $0.status == .pending }, "the drain was cancelled before it was done")

        harness.receiver.answerOthers { _ in .init(status: 200, body: "ok") }
        _ = try await harness.drainUntilSettled()
        let rows = try await harness.store.outbox(status: nil, limit: 1000)
        #expect(rows.allSatisfy { $0.status == .delivered && $0.leaseUntil == nil })
        let posted = harness.receiver.posted
        let numbers: [Int] = (0..<3).flatMap { channel in Array((channel * 100)..<(channel * 100 + 20)) }
        let counts: [Int] = numbers.map { posted["msg-\($0)"] ?? 0 }
        #expect(counts.allSatisfy { $0 >= 1 })
        // Only a post on the wire when the drain was cancelled can go out twice: one per channel at most.
        #expect(counts.filter { $0 > 1 }.count <= 3)
    }
}
