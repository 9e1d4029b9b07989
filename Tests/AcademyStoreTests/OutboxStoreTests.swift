import AcademyCore
import AcademyStore
import Foundation
import Testing

@Suite("Outbox and channels in the store")
struct OutboxStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func message(_ key: String, due: Date? = nil) -> OutboxMessage {
        OutboxMessage(channel: "team", idempotencyKey: key, payload: "{}", nextAttemptAt: due ?? t0, createdAt: t0)
    }

    @Test("planning twice inserts once; claims lease rows; delivered rows are never claimed again", arguments: Backend.allCases)
    func lifecycle(backend: Backend) async throws {
        let store = try backend.make()
        #expect(try await store.enqueue([message("a"), message("b"), message("c", due: t0.addingTimeInterval(3600))]) == 3)
        #expect(try await store.enqueue([message("a"), message("b")]) == 0, "same idempotency keys")
        let claimed = try await store.claimOutbox(now: t0, leaseUntil: t0.addingTimeInterval(60), limit: 10)
        #expect(claimed.map(\.idempotencyKey) == ["a", "b"], "c is not due yet")
        #expect(try await store.claimOutbox(now: t0.addingTimeInterval(1), leaseUntil: t0.addingTimeInterval(61), limit: 10).isEmpty,
                "leased rows are not claimed twice")
        try await store.markDelivered(id: claimed[0].id ?? -1, at: t0)
        try await store.markFailed(id: claimed[1].id ?? -1, error: "HTTP 503", retryAt: t0.addingTimeInterval(30))
        // After the lease ran out, only the failed message comes back, when its retry is due.
        #expect(try await store.claimOutbox(now: t0.addingTimeInterval(20), leaseUntil: t0.addingTimeInterval(80), limit: 10).isEmpty)
        let retry = try await store.claimOutbox(now: t0.addingTimeInterval(90), leaseUntil: t0.addingTimeInterval(150), limit: 10)
        #expect(retry.map(\.idempotencyKey) == ["b"])
        #expect(retry.first?.attempts == 1 && retry.first?.lastError == "HTTP 503")
        try await store.markFailed(id: retry[0].id ?? -1, error: "HTTP 410 channel_is_archived", retryAt: nil)
        let dead = try await store.outbox(status: .dead, limit: 10)
        #expect(dead.map(\.idempotencyKey) == ["b"])
        #expect(try await store.requeue(id: dead[0].id ?? -1, at: t0.addingTimeInterval(200)))
        #expect(try await store.outbox(status: .delivered, limit: 10).count == 1)
    }

    @Test("claims come oldest first; released and postponed rows come back; set-based updates touch only their rows",
          arguments: Backend.allCases)
    func claimOrderAndRelease(backend: Backend) async throws {
        let store = try backend.make()
        // Inserted out of due order: the claim orders by due time, then id.
        let keys = ["m3", "m1", "m2", "m4", "m5"]
        let due: [String: TimeInterval] = ["m1": 0, "m2": 1, "m3": 2, "m4": 2, "m5": 3]
        #expect(try await store.enqueue(keys.map { message($0, due: t0.addingTimeInterval(due[$0] ?? 0)) }) == 5)
        let now = t0.addingTimeInterval(10)
        let lease = now.addingTimeInterval(60)
        let first = try await store.claimOutbox(now: now, leaseUntil: lease, limit: 3)
        #expect(first.map(\.idempotencyKey) == ["m1", "m2", "m3"])
        #expect(first.allSatisfy { $0.leaseUntil == lease })
        let rest = try await store.claimOutbox(now: now, leaseUntil: lease.addingTimeInterval(1), limit: 10)
        #expect(rest.map(\.idempotencyKey) == ["m4", "m5"])

        // A stopped worker releases its unfinished rows: only those under its own lease, still pending.
        try await store.markPostDelivered(ids: [first[0].id ?? -1], at: now)
        try await store.releaseLeases(ids: first.compactMap(\.id), leasedUntil: lease)
        try await store.releaseLeases(ids: rest.compactMap(\.id), leasedUntil: lease)  // not their lease: no effect
        let rows = Dictionary(uniqueKeysWithValues: try await store.outbox(status: nil, limit: 10).map { ($0.idempotencyKey, $0) })
        #expect(rows["m1"]?.status == .delivered && rows["m1"]?.leaseUntil == nil && rows["m1"]?.attempts == 1)
        #expect(rows["m2"]?.leaseUntil == nil && rows["m3"]?.leaseUntil == nil)
        #expect(rows["m2"]?.nextAttemptAt == t0.addingTimeInterval(1), "released rows keep their due time, so their order")
        #expect(rows["m4"]?.leaseUntil == lease.addingTimeInterval(1) && rows["m5"]?.leaseUntil == lease.addingTimeInterval(1))
        let again = try await store.claimOutbox(now: now, leaseUntil: lease, limit: 10)
        #expect(again.map(\.idempotencyKey) == ["m2", "m3"])

        // Postponed rows are due at the new time, unleased; delivered rows are never postponed.
        try await store.postpone(ids: again.compactMap(\.id) + [first[0].id ?? -1], until: now.addingTimeInterval(100))
        let after = Dictionary(uniqueKeysWithValues: try await store.outbox(status: nil, limit: 10).map { ($0.idempotencyKey, $0) })
        #expect(after["m2"]?.nextAttemptAt == now.addingTimeInterval(100) && after["m2"]?.leaseUntil == nil)
        #expect(after["m1"]?.status == .delivered && after["m1"]?.nextAttemptAt == t0)
        // At now + 99 the postponed rows are not due yet; m4 and m5 are, their lease having run out.
        #expect(try await store.claimOutbox(now: now.addingTimeInterval(99), leaseUntil: now.addingTimeInterval(999), limit: 10)
            .map(\.idempotencyKey) == ["m4", "m5"])
        // Postponed together, they share a due time: then the order is the order of insertion (m3 came first).
        #expect(try await store.claimOutbox(now: now.addingTimeInterval(100), leaseUntil: now.addingTimeInterval(999), limit: 10)
            .map(\.idempotencyKey) == ["m3", "m2"])
    }

    @Test("channels are saved, listed and removed", arguments: Backend.allCases)
    func channels(backend: Backend) async throws {
        let store = try backend.make()
        try await store.saveChannel(ChannelRecord(name: "team", url: "https://hooks.slack.com/services/T/B/secret", format: nil, unitID: nil,
                                                  quietHours: "20:00-08:00", timezone: "Europe/Berlin", createdAt: t0))
        #expect(try await store.channels().map(\.name) == ["team"])
        #expect(try await store.removeChannel(name: "team"))
        #expect(try await store.removeChannel(name: "team") == false)
    }
}
