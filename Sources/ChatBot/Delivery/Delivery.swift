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
        let ledger = ClaimLedger()
        do {
            try await claimAndDeliver(into: &report, committer: committer, ledger: ledger)
        } catch {
            // Commit what was delivered before the failure, so that it is not posted again; release the rest.
            try? await committer.finish()
            await ledger.releaseUnfinished(in: store)
            if error is CancellationError || Task.isCancelled { throw Stopped(delivered: committer.committedCount) }
            throw error
        }
        try await committer.finish()
        return report
    }

    /// A drain that was cancelled: what it had delivered is recorded, the rest released.
    public struct Stopped: Error, Sendable, Equatable {
        /// Messages recorded as delivered before it stopped.
        public var delivered: Int
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
