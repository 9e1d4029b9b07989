import AcademyCore
import AcademyStore
import ChatBot
import Foundation
import TestSupport

/// A clock that stands still until told, and jumps to the deadline instead of sleeping.
final class ManualClock: DeliveryClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var slept: [Date] = []

    init(_ start: Date) { current = start }

    func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    func sleep(until deadline: Date) async throws {
        lock.withLock {
            if deadline > current { slept.append(deadline); current = deadline }
        }
    }

    /// Sets the time (never backwards).
    func set(_ date: Date) {
        lock.lock(); defer { lock.unlock() }
        current = max(current, date)
    }

    /// The deadlines the worker waited for.
    var sleeps: [Date] {
        lock.lock(); defer { lock.unlock() }
        return slept
    }
}

/// A loopback receiver whose answers are scripted per message, counting what it really posted.
///
/// Messages are recognised by `msg-N` tokens in the body. A message counts as posted when the
/// receiver answered its request with a 2xx (even if the client had stopped waiting).
final class ScriptedReceiver: @unchecked Sendable {
    final class State: @unchecked Sendable {
        let lock = NSLock()
        var scripts: [String: [TestHTTPServer.Response]] = [:]
        var posted: [String: Int] = [:]
        var bodies: [String] = []
        var fallback: @Sendable (TestHTTPServer.Request) -> TestHTTPServer.Response = { _ in .init(status: 200, body: "ok") }
    }

    let state = State()
    let server: TestHTTPServer

    init() throws {
        let state = self.state
        server = try TestHTTPServer(keepAlive: true) { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let tokens = ScriptedReceiver.tokens(in: body)
            state.lock.lock()
            defer { state.lock.unlock() }
            state.bodies.append(body)
            var response: TestHTTPServer.Response?
            for token in tokens where !(state.scripts[token] ?? []).isEmpty {
                response = state.scripts[token]?.removeFirst()
                break
            }
            let answer = response ?? state.fallback(request)
            if answer.fault == nil, (200..<300).contains(answer.status) {
                for token in tokens { state.posted[token, default: 0] += 1 }
            }
            return answer
        }
    }

    deinit { server.stop() }

    /// The answers to give, in order, to requests carrying `token`; afterwards `200 ok`.
    func script(_ token: String, _ responses: [TestHTTPServer.Response]) {
        state.lock.lock(); defer { state.lock.unlock() }
        state.scripts[token] = responses
    }

    /// The answer to requests without a script.
    func answerOthers(_ answer: @escaping @Sendable (TestHTTPServer.Request) -> TestHTTPServer.Response) {
        state.lock.lock(); defer { state.lock.unlock() }
        state.fallback = answer
    }

    /// How often each message was posted (answered with a 2xx).
    var posted: [String: Int] {
        state.lock.lock(); defer { state.lock.unlock() }
        return state.posted
    }

    /// Every request body, in arrival order.
    var bodies: [String] {
        state.lock.lock(); defer { state.lock.unlock() }
        return state.bodies
    }

    /// A webhook URL with a secret-looking path for channel `name`.
    func url(_ name: String) -> String { server.baseURL + "/hooks/\(name)/T0SECRET/B0SECRET/tokenS3CR3Txyz789" }

    static func tokens(in body: String) -> [String] {
        var result: [String] = []
        var rest = body[...]
        while let range = rest.range(of: "msg-") {
            let digits = rest[range.upperBound...].prefix(while: \.isNumber)
            if !digits.isEmpty, !result.contains("msg-\(digits)") { result.append("msg-\(digits)") }
            rest = rest[range.upperBound...]
        }
        return result
    }
}

/// A start time for delivery tests: 2026-01-15 10:00 UTC (a Thursday).
let deliveryT0 = Date(timeIntervalSince1970: 1_768_471_200)

/// Store, receiver, clock and worker for one delivery test.
struct DeliveryHarness {
    let store: SQLiteStore
    let receiver: ScriptedReceiver
    let clock: ManualClock
    let delivery: Delivery
    let log: LogCollector

    init(configuration: Delivery.Configuration = .init(rateLimiting: .off), timeout: Duration = .seconds(5), seed: UInt64 = 1) throws {
        store = try SQLiteStore()
        receiver = try ScriptedReceiver()
        clock = ManualClock(deliveryT0)
        log = LogCollector()
        var configuration = configuration
        configuration.log = log.sink
        delivery = Delivery(store: store, client: makeTestClient(totalTimeout: timeout), clock: clock, configuration: configuration,
                            random: SeededGenerator(seed: seed))
    }

    /// Adds a channel posting to the receiver.
    func addChannel(_ name: String, format: ChatPlatform = .generic, quietHours: String? = nil, timezone: String? = nil) async throws {
        try await store.saveChannel(ChannelRecord(name: name, url: receiver.url(name), format: format.rawValue, unitID: nil,
                                                  quietHours: quietHours, timezone: timezone, createdAt: deliveryT0))
    }

    /// Queues messages titled `msg-N` for `channel`, due at `at` (default: the start time).
    @discardableResult
    func enqueue(_ channel: String, _ numbers: [Int], at: Date = deliveryT0,
                 message: (Int) -> ChatMessage = { ChatMessage(title: "msg-\($0)", paragraphs: ["Body of msg-\($0)."]) }) async throws -> Int {
        try await store.enqueue(numbers.map { number in
            OutboxMessage(channel: channel, idempotencyKey: "\(channel)|notice|msg-\(number)|test",
                          payload: OutboxPayload(message: message(number)).encoded(), nextAttemptAt: at, createdAt: at)
        })
    }

    /// Drains, moving the clock to the next attempt between runs, until nothing is pending (at most `rounds` runs).
    func drainUntilSettled(rounds: Int = 20) async throws -> [DeliveryReport] {
        var reports: [DeliveryReport] = []
        for _ in 0..<rounds {
            let report = try await delivery.drain()
            reports.append(report)
            let pending = try await store.outbox(status: .pending, limit: 1000).map(\.nextAttemptAt).min()
            guard let next = report.nextAttempt ?? pending else { break }
            clock.set(next)
        }
        return reports
    }

    /// The outbox row of message `msg-N` on `channel`.
    func row(_ channel: String, _ number: Int) async throws -> OutboxMessage? {
        try await store.outbox(status: nil, limit: 10_000).first { $0.idempotencyKey == "\(channel)|notice|msg-\(number)|test" }
    }
}
