import AcademyStore
import Foundation

/// The outbox worker: claims due messages under a lease, posts them per channel, records each outcome.
///
/// Each claimed message ends its run in one of four ways, each committed: delivered (any 2xx; the
/// posts answered meanwhile are committed together by a ``DeliveryCommitter``), retried at a time
/// (exponential backoff with full jitter, or the platform's `Retry-After`), dead after
/// ``Configuration/maxAttempts`` or a permanent refusal (the last error kept, scrubbed of the URL's
/// secrets), or put back unchanged (quiet hours, rate limit, a channel that asked to wait). Channels are served concurrently, each in order and within its token
/// bucket; messages due together for one channel merge into one post.
///
/// Without a rate limit, a channel's posts go out through ``WebhookClient/sendInOrder(_:proceed:delivered:)``.
///
/// Delivery is at least once: a worker killed between a platform's answer and the commit leaves
/// the message leased, and once the lease runs out the next run posts it again. See `docs/chat.md`.
public final class Delivery: Sendable {
    public let store: any Store
    public let client: WebhookClient
    public let clock: any DeliveryClock
    public let configuration: Configuration
    let backoff: RetryBackoff

    /// A worker over `store`, posting with `client`; `random` draws the backoff jitter.
    public init(store: any Store, client: WebhookClient, clock: any DeliveryClock = SystemDeliveryClock(),
                configuration: Configuration = Configuration(), random: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.store = store
        self.client = client
        self.clock = clock
        self.configuration = configuration
        self.backoff = RetryBackoff(base: configuration.backoffBase, cap: configuration.backoffCap, generator: random)
    }

    /// Delivers everything due now, then returns what it did.
    ///
    /// Messages put back by this run because their lease would have run out (waiting for a channel's
    /// tokens) are waited for and claimed again; retries, quiet hours and
    /// `Retry-After` are left to a later run (``DeliveryReport/nextAttempt`` says when).
    public func drain() async throws -> DeliveryReport {
        var report = DeliveryReport()
        let committer = DeliveryCommitter(store: store, clock: clock)
        do {
            try await claimAndDeliver(into: &report, committer: committer)
        } catch {
            // Commit what was delivered before the failure, so that it is not posted again.
            try? await committer.finish()
            throw error
        }
        try await committer.finish()
        return report
    }

    /// The claim loop of ``drain()``: claims what is due, delivers it per channel, until nothing is due.
    private func claimAndDeliver(into report: inout DeliveryReport, committer: DeliveryCommitter) async throws {
        var throttles: [String: ChannelThrottle] = [:]
        var resumeAt: Date?
        while true {
            try Task.checkCancellation()
            let now = clock.now()
            let leaseUntil = now.addingTimeInterval(configuration.lease)
            let claimed = try await store.claimOutbox(now: now, leaseUntil: leaseUntil, limit: configuration.claimLimit)
            if claimed.isEmpty {
                guard let wake = resumeAt else { break }
                resumeAt = nil
                try await clock.sleep(until: wake)
                continue
            }
            let records = Dictionary(try await store.channels().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            var order: [String] = []
            var groups: [String: [OutboxMessage]] = [:]
            for message in claimed {
                if groups[message.channel] == nil { order.append(message.channel) }
                groups[message.channel, default: []].append(message)
            }
            let outcomes = try await withThrowingTaskGroup(of: ChannelRun.self, returning: [ChannelRun].self) { group in
                for name in order {
                    let channel = records[name].map {
                        DeliveryChannel(record: $0, rateLimiting: configuration.rateLimiting, mattermostHosts: configuration.mattermostHosts)
                    }
                    let throttle = throttles[name] ?? ChannelThrottle(limit: channel?.rateLimit)
                    let rows = groups[name] ?? []
                    group.addTask {
                        try await self.deliver(rows, channelName: name, channel: channel, throttle: throttle, leaseUntil: leaseUntil,
                                               committer: committer)
                    }
                }
                var runs: [ChannelRun] = []
                for try await run in group { runs.append(run) }
                return runs
            }
            for run in outcomes {
                throttles[run.channel] = run.throttle
                report.add(run.report)
                if let held = run.resumeAt { resumeAt = min(resumeAt ?? held, held) }
            }
        }
    }

    /// Posts `message` to `channel` at once, outside the outbox (`pmo bot channel test`).
    ///
    /// Returns the result of each payload posted, stopping at the first failure.
    public func post(_ message: ChatMessage, to channel: DeliveryChannel) async -> [WebhookResult] {
        var results: [WebhookResult] = []
        for payload in channel.platform.format.payloads(for: message) {
            let result = await client.send(payload.request(to: channel.url))
            results.append(result)
            guard result.isDelivered else { break }
        }
        return results
    }
}
