import AcademyCore
import AcademyStore
import ChatBot
import Foundation
import TestSupport
import Testing

@Suite("Delivery: rate limits, quiet hours, merging, leases")
struct DeliveryScheduleTests {
    @Test("the token bucket spaces posts to one channel; rate limit off does not")
    func tokenBucket() async throws {
        let limited = try DeliveryHarness(configuration: .init(mergeLimit: 1, rateLimiting: .uniform(.init(messagesPerSecond: 1))))
        try await limited.addChannel("team")
        try await limited.enqueue("team", [1, 2, 3, 4])
        let report = try await limited.delivery.drain()
        #expect(report.delivered == 4 && report.posts == 4)
        #expect(limited.clock.sleeps == [1, 2, 3].map { deliveryT0.addingTimeInterval($0) })

        let free = try DeliveryHarness(configuration: .init(mergeLimit: 1, rateLimiting: .off))
        try await free.addChannel("team")
        try await free.enqueue("team", [1, 2, 3, 4])
        #expect(try await free.delivery.drain().delivered == 4)
        #expect(free.clock.sleeps.isEmpty)
    }

    @Test("a backlog that outlasts the lease is put back and finished by the same run, never posted twice")
    func backlogLongerThanLease() async throws {
        let harness = try DeliveryHarness(configuration: .init(lease: 10, leaseMargin: 2, mergeLimit: 1,
                                                               rateLimiting: .uniform(.init(messagesPerSecond: 1))))
        try await harness.addChannel("team")
        try await harness.enqueue("team", Array(1...25))
        let report = try await harness.delivery.drain()
        #expect(report.delivered == 25 && report.nextAttempt == nil, "\(report)")
        #expect(harness.receiver.posted.count == 25 && harness.receiver.posted.values.allSatisfy { $0 == 1 })
        #expect(harness.receiver.bodies.map { ScriptedReceiver.tokens(in: $0).first ?? "" } == (1...25).map { "msg-\($0)" }, "in order")
        #expect(harness.clock.now() == deliveryT0.addingTimeInterval(24))
    }

    @Test("a backlog larger than a claim and longer than the lease still goes out in order")
    func backlogLargerThanClaimAndLease() async throws {
        // Claims of 12 and a 10 s lease at 1 post/s: each claim is cut short by its lease, and the rest
        // put back must not fall behind the messages that were never claimed.
        let harness = try DeliveryHarness(configuration: .init(lease: 10, leaseMargin: 2, claimLimit: 12, mergeLimit: 1,
                                                               rateLimiting: .uniform(.init(messagesPerSecond: 1))))
        try await harness.addChannel("team")
        for number in 1...25 {
            // Due one second apart, as reminders planned over time are.
            try await harness.enqueue("team", [number], at: deliveryT0.addingTimeInterval(Double(number - 25)))
        }
        let report = try await harness.delivery.drain()
        #expect(report.delivered == 25 && report.nextAttempt == nil, "\(report)")
        #expect(harness.receiver.posted.count == 25 && harness.receiver.posted.values.allSatisfy { $0 == 1 })
        #expect(harness.receiver.bodies.map { ScriptedReceiver.tokens(in: $0).first ?? "" } == (1...25).map { "msg-\($0)" }, "in order")
    }

    @Test("token bucket arithmetic: burst, refill, Google Chat's 60 per minute")
    func bucketArithmetic() {
        var bucket = TokenBucket(limit: RateLimit(messagesPerSecond: 2, burst: 3))
        var taken: [Bool] = []
        for _ in 0..<4 { taken.append(bucket.take(at: deliveryT0)) }
        #expect(taken == [true, true, true, false])
        #expect(bucket.availableAt(deliveryT0) == deliveryT0.addingTimeInterval(0.5))
        let refilled = bucket.take(at: deliveryT0.addingTimeInterval(0.5))
        #expect(refilled)
        #expect(RateLimit.platformDefault(.googleChat) == .perMinute(60))
        #expect(RateLimit.platformDefault(.googleChat).description == "1/s")
        #expect(RateLimit.perMinute(30).description == "30/min")
    }

    @Test("backoff ceilings double up to the cap; draws stay within them and repeat with the seed")
    func backoff() {
        let backoff = RetryBackoff(base: 15, cap: 3600, generator: SeededGenerator(seed: 9))
        #expect((0..<10).map { backoff.ceiling(afterFailures: $0) } == [15, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        let again = RetryBackoff(base: 15, cap: 3600, generator: SeededGenerator(seed: 9))
        for attempt in 0..<12 {
            let delay = backoff.delay(afterFailures: attempt)
            #expect(delay >= 1 && delay <= backoff.ceiling(afterFailures: attempt))
            #expect(delay == again.delay(afterFailures: attempt))
        }
    }

    @Test("quiet hours in the channel's zone hold messages until they end")
    func quietHours() async throws {
        let harness = try DeliveryHarness()
        try await harness.addChannel("berlin", quietHours: "20:00-08:00", timezone: "Europe/Berlin")
        let evening = Date(timeIntervalSince1970: 1_768_507_200)  // 2026-01-15 20:00 UTC = 21:00 in Berlin
        harness.clock.set(evening)
        try await harness.enqueue("berlin", [1, 2], at: evening)
        let held = try await harness.delivery.drain()
        #expect(held.delivered == 0 && held.heldForQuietHours == 2)
        let morning = Date(timeIntervalSince1970: 1_768_546_800)  // 2026-01-16 07:00 UTC = 08:00 in Berlin
        #expect(held.nextAttempt == morning)
        #expect(harness.receiver.bodies.isEmpty)
        harness.clock.set(morning)
        #expect(try await harness.delivery.drain().delivered == 2)
    }

    @Test("quiet hours across midnight and daylight saving time")
    func quietHoursArithmetic() throws {
        let quiet = try #require(QuietHours("22:30-06:15"))
        #expect(quiet.description == "22:30-06:15")
        #expect(QuietHours("25:00-08:00") == nil && QuietHours("8-9") == nil && QuietHours("08:00-08:00") == nil)
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        // 2026-07-01 21:00 UTC = 23:00 CEST: quiet until 06:15 CEST = 04:15 UTC.
        let summer = Date(timeIntervalSince1970: 1_782_939_600)
        #expect(quiet.end(containing: summer, in: berlin) == Date(timeIntervalSince1970: 1_782_965_700))
        // 2026-07-01 12:00 UTC: not quiet.
        #expect(quiet.end(containing: Date(timeIntervalSince1970: 1_782_907_200), in: berlin) == nil)
        let day = try #require(QuietHours("12:00-13:00"))
        #expect(day.end(containing: Date(timeIntervalSince1970: 1_782_907_200), in: berlin) == nil, "14:00 CEST")
        #expect(day.end(containing: Date(timeIntervalSince1970: 1_782_900_000), in: berlin) == Date(timeIntervalSince1970: 1_782_903_600))
    }

    @Test("several due messages for one channel merge into one post; all are marked delivered")
    func merging() async throws {
        let harness = try DeliveryHarness(configuration: .init(mergeLimit: 3, rateLimiting: .off))
        try await harness.addChannel("team", format: .slack)
        try await harness.enqueue("team", [1, 2, 3, 4])
        let report = try await harness.delivery.drain()
        #expect(report.delivered == 4 && report.posts == 2, "\(report)")
        #expect(harness.receiver.bodies.map { ScriptedReceiver.tokens(in: $0) } == [["msg-1", "msg-2", "msg-3"], ["msg-4"]])
        #expect(harness.receiver.bodies.first?.contains("3 reminders") == true)
        #expect(try await harness.store.outbox(status: .delivered, limit: 10).count == 4)
        #expect(try await harness.delivery.drain().delivered == 0, "delivered messages are never sent again")
        #expect(harness.receiver.bodies.count == 2)
    }

    @Test("a split message resumes after the parts already posted")
    func partialProgress() async throws {
        let harness = try DeliveryHarness()
        try await harness.addChannel("discord", format: .discord)
        let long = String(repeating: "All work and no play. ", count: 140)
        try await harness.enqueue("discord", [1]) { ChatMessage(title: "msg-\($0)", paragraphs: [long]) }
        let counter = RequestCounter()
        harness.receiver.answerOthers { _ in counter.next() == 2 ? .init(status: 500, body: "oops") : .init(status: 204) }
        _ = try await harness.drainUntilSettled()
        let bodies = harness.receiver.bodies
        #expect(bodies.count == 3)
        #expect(bodies[0].contains("(1/2)") && bodies[1].contains("(2/2)") && bodies[2].contains("(2/2)"), "part 1 is not posted again")
        #expect(try await harness.row("discord", 1)?.status == .delivered)
    }

    @Test("rows leased by a worker that died come back only when the lease has run out")
    func leases() async throws {
        let harness = try DeliveryHarness(configuration: .init(lease: 300, rateLimiting: .off))
        try await harness.addChannel("team")
        try await harness.enqueue("team", [1, 2])
        // A worker claims both and dies before posting.
        _ = try await harness.store.claimOutbox(now: deliveryT0, leaseUntil: deliveryT0.addingTimeInterval(300), limit: 10)
        #expect(try await harness.delivery.drain().delivered == 0)
        harness.clock.set(deliveryT0.addingTimeInterval(301))
        #expect(try await harness.delivery.drain().delivered == 2)
        #expect(harness.receiver.posted == ["msg-1": 1, "msg-2": 1])
    }

    @Test("the payload envelope round-trips and a bare message is accepted")
    func payloadEnvelope() throws {
        let message = ChatMessage(kind: .digest, title: "Weekly digest", paragraphs: ["a"], mentions: [.init(handle: "U1", name: "Ada")])
        let payload = OutboxPayload(message: message, partsDelivered: 1, announcedCourses: ["risk"])
        #expect(try OutboxPayload.decode(payload.encoded()) == payload)
        let bare = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        #expect(try OutboxPayload.decode(bare) == OutboxPayload(message: message))
        #expect(throws: (any Error).self) { try OutboxPayload.decode("{\"nope\": 1}") }
    }
}

/// Counts requests across server threads.
final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        count += 1
        return count
    }
}
