import AcademyStore
import ChatBot
import Foundation
import Logging
import ServiceLifecycle

/// Replies that follow a slash command's acknowledgement: answered, then posted to the command's
/// `response_url` through the ``WebhookClient``, retried a few times; a channel answer that cannot be
/// posted there goes to the channel's webhook through the outbox instead.
///
/// Runs as a service: on graceful shutdown it stops taking jobs and finishes those it has.
public final class ReplyQueue: Service, Sendable {
    struct Job: Sendable {
        var command: SlashCommand
        var reply: @Sendable () async throws -> BotReply
    }

    let client: WebhookClient
    let store: any Store
    let logger: Logger
    let now: @Sendable () -> Date
    let attempts: Int
    let retryDelay: Duration
    private let stream: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation

    public init(client: WebhookClient, store: any Store, logger: Logger, now: @escaping @Sendable () -> Date,
                attempts: Int = 3, retryDelay: Duration = .milliseconds(500)) {
        self.client = client
        self.store = store
        self.logger = logger
        self.now = now
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
        (stream, continuation) = AsyncStream.makeStream(of: Job.self)
    }

    /// Queues the reply to `command`, computed by `reply`; false once the queue has shut down.
    @discardableResult
    public func submit(_ command: SlashCommand, reply: @escaping @Sendable () async throws -> BotReply) -> Bool {
        if case .enqueued = continuation.yield(Job(command: command, reply: reply)) { return true }
        return false
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for await job in stream {
                    group.addTask { await self.perform(job) }
                }
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    /// Stops taking jobs; those taken are finished by ``run()``.
    public func finish() { continuation.finish() }

    func perform(_ job: Job) async {
        let reply: BotReply
        do {
            reply = try await job.reply()
        } catch {
            logger.error("reply failed", metadata: ["platform": "\(job.command.platform.rawValue)", "error": "\(type(of: error))"])
            reply = BotReply(message: ChatMessage(kind: .answer, title: "Something went wrong",
                                                  paragraphs: ["I could not answer that just now. Please try again in a minute."]),
                             isPrivate: true)
        }
        if let url = job.command.responseURL, await post(reply, to: url, platform: job.command.platform) {
            logger.info("reply posted", metadata: ["platform": "\(job.command.platform.rawValue)", "via": "response_url"])
            return
        }
        await fallBack(reply, job.command)
    }

    /// Posts every part of `reply` to `url`; true when all were delivered.
    func post(_ reply: BotReply, to url: String, platform: SlashCommand.Platform) async -> Bool {
        for body in ReplyPayload.bodies(for: reply, platform: platform) {
            var delivered = false
            for attempt in 1...attempts {
                let result = await client.send(WebhookRequest(url: url, body: body))
                if result.isDelivered { delivered = true; break }
                logger.warning("response_url refused the reply", metadata: [
                    "platform": "\(platform.rawValue)", "attempt": "\(attempt)", "outcome": "\(result)"])
                guard case .retryable = result.classification, attempt < attempts else { break }
                let wait = result.retryAfter.map { Duration.milliseconds(Int64(min($0, 10) * 1000)) } ?? retryDelay * (1 << (attempt - 1))
                try? await Task.sleep(for: wait)
            }
            if !delivered { return false }
        }
        return true
    }

    /// A channel answer goes to the channel's webhook through the outbox; a private one cannot, and is dropped
    /// with a log line (the platform keeps no place to put it).
    func fallBack(_ reply: BotReply, _ command: SlashCommand) async {
        guard !reply.isPrivate else {
            logger.warning("private reply not delivered", metadata: ["platform": "\(command.platform.rawValue)"])
            return
        }
        do {
            guard let channel = try await command.channel(in: store) else {
                logger.warning("channel reply not delivered: no webhook channel for it", metadata: ["platform": "\(command.platform.rawValue)"])
                return
            }
            let at = now()
            let key = "\(channel.name)|answer|\(command.userID)|\(UUID().uuidString)"
            let message = OutboxMessage(channel: channel.name, idempotencyKey: key,
                                        payload: OutboxPayload(message: reply.message).encoded(), nextAttemptAt: at, createdAt: at)
            _ = try await store.enqueue([message])
            logger.info("reply queued for the channel's webhook", metadata: ["channel": "\(channel.name)"])
        } catch {
            logger.error("reply not queued", metadata: ["error": "\(type(of: error))"])
        }
    }
}
