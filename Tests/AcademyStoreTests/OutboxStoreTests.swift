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
