import AcademyCore
import AcademyStore
@testable import BotServer
import ChatBot
import Foundation
import Logging
import ServiceLifecycle
import TestSupport
import Testing

/// Records what the reminder schedule asked to plan.
final class PlanLog: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(Set<String>, Date)] = []
    var all: [(Set<String>, Date)] { lock.withLock { calls } }
    func add(_ channels: Set<String>, _ at: Date) { lock.withLock { calls.append((channels, at)) } }
}

/// A clock the test moves.
final class TestNow: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ date: Date) { value = date }
    var date: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

@Suite("Bot services")
struct BotServicesTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// 09:00 in Berlin is 08:00 UTC in winter: nothing before, once at it, once again the next day.
    @Test func remindersArePlannedOnceADayAtEachChannelsLocalTime() async throws {
        let store = try SQLiteStore()
        let created = Self.utc("2026-01-05T00:00:00Z")
        try await store.saveChannel(ChannelRecord(name: "berlin", url: "https://hooks.slack.com/services/T/B/x", format: nil, unitID: nil,
                                                  quietHours: nil, timezone: "Europe/Berlin", createdAt: created, remindAt: "09:00"))
        try await store.saveChannel(ChannelRecord(name: "utc", url: "https://hooks.slack.com/services/T/B/y", format: nil, unitID: nil,
                                                  quietHours: nil, timezone: nil, createdAt: created))
        let now = TestNow(Self.utc("2026-01-05T07:59:00Z"))
        let log = PlanLog()
        let schedule = ReminderSchedule(store: store, now: { now.date }, logger: Logger(label: "test")) { channels, at in
            log.add(channels, at)
            return channels.count
        }
        var done: [String: String] = [:]
        await schedule.tick(&done)
        #expect(log.all.isEmpty, "08:59 in Berlin, 07:59 UTC: before both channels' time")
        now.date = Self.utc("2026-01-05T08:00:00Z")
        await schedule.tick(&done)
        #expect(log.all.map(\.0) == [["berlin"]])
        now.date = Self.utc("2026-01-05T09:30:00Z")
        await schedule.tick(&done)
        #expect(log.all.map(\.0) == [["berlin"], ["utc"]], "the UTC channel's default 09:00; Berlin not again")
        now.date = Self.utc("2026-01-05T23:30:00Z")  // 00:30 on the 6th in Berlin
        await schedule.tick(&done)
        #expect(log.all.count == 2, "a new day in Berlin, but before 09:00 there")
        now.date = Self.utc("2026-01-06T08:01:00Z")
        await schedule.tick(&done)
        #expect(log.all.map(\.0).last == ["berlin"])
        #expect(log.all.count == 3)
    }

    /// SIGTERM while a post is in flight: the drain that claimed it finishes, and the message is recorded delivered.
    @Test func gracefulShutdownFinishesTheDrainInFlight() async throws {
        let receiver = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok", delay: 1.0) }
        defer { receiver.stop() }
        let store = try SQLiteStore()
        let now = Date()
        try await store.saveChannel(ChannelRecord(name: "team", url: receiver.baseURL + "/hook", format: "generic", unitID: nil,
                                                  quietHours: nil, timezone: nil, createdAt: now))
        _ = try await store.enqueue([OutboxMessage(channel: "team", idempotencyKey: "team|notice|one|t",
                                                   payload: OutboxPayload(message: ChatMessage(title: "one")).encoded(),
                                                   nextAttemptAt: now, createdAt: now)])
        var configuration = WebhookClient.Configuration()
        configuration.totalTimeout = .seconds(10)
        let delivery = Delivery(store: store, client: WebhookClient(configuration: configuration),
                                configuration: .init(rateLimiting: .off))
        let logger = Logger(label: "test")
        let worker = OutboxWorker(interval: .milliseconds(100), logger: logger) { try await delivery.drain() }
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for _ in 0..<200 where receiver.requests.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            #expect(receiver.requests.count == 1, "the post is in flight")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let delivered = try await store.outbox(status: .delivered, limit: 10)
        #expect(delivered.map(\.idempotencyKey) == ["team|notice|one|t"])
        #expect(try await store.outbox(status: .pending, limit: 10).isEmpty)
    }

    @Test func secretsComeFromAFileOnlyItsOwnerMayRead() throws {
        let dir = try BinaryRunner.temporaryDirectory("pmo-secrets")
        let file = dir.appendingPathComponent("bot.env")
        try "# comment\nPMO_SLACK_SIGNING_SECRET='s3cret-value'\nPMO_BOT_API_TOKEN=a, b\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o640)
        #expect(throws: BotSecretsError.tooOpen(file.path, mode: 0o640)) { try BotSecrets.load(environment: [:], file: file.path) }
        chmod(file.path, 0o600)
        let secrets = try BotSecrets.load(environment: ["PMO_MATTERMOST_TOKEN": "mm"], file: file.path)
        #expect(secrets == BotSecrets(slackSigningSecret: "s3cret-value", mattermostTokens: ["mm"], apiTokens: ["a", "b"]))
        #expect(!secrets.description.contains("s3cret"))
        let fromEnvironment = try BotSecrets.load(environment: ["PMO_SLACK_SIGNING_SECRET": "env-wins", "PMO_BOT_SECRETS_FILE": file.path])
        #expect(fromEnvironment.slackSigningSecret == "env-wins")
        try "PMO_SLACK_SIGNING_SECRET=x\nOOPS=leaked-value\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o600)
        do {
            _ = try BotSecrets.load(environment: [:], file: file.path)
            Issue.record("an unknown key was accepted")
        } catch let error as BotSecretsError {
            #expect(error.description.contains(":2: unknown key 'OOPS'"))
            #expect(!error.description.contains("leaked-value"))
        }
    }

    @Test func formFieldsDecode() {
        let form = FormFields(Array("text=risk+%26+issue%21&user_id=U1&empty=&user_id=U2".utf8))
        #expect(form["text"] == "risk & issue!")
        #expect(form["user_id"] == "U1")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
    }
}
