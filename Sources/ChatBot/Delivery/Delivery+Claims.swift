import AcademyStore
import Foundation

extension Delivery {
    /// Messages claimed together under one lease, with their payloads decoded, by channel.
    struct Claim: Sendable {
        /// Each channel's claimed messages, oldest first; channels in the order of their oldest message.
        var batches: [ChannelBatch]
        /// How many messages were claimed.
        var count: Int { batches.reduce(0) { $0 + $1.rows.count } }
    }

    /// One channel's share of a claim.
    struct ChannelBatch: Sendable {
        var name: String
        /// The channel's settings; nil when the channel was removed after the messages were planned.
        var channel: DeliveryChannel?
        var rows: [ClaimedRow]
        var leaseUntil: Date
    }

    /// A claimed outbox row and its stored payload, decoded (nil: unreadable).
    struct ClaimedRow: Sendable {
        var message: OutboxMessage
        var payload: OutboxPayload?
    }

    /// What the claim loop waits for: a claim, or the end of a channel's batch.
    private enum Event: Sendable {
        case claimed(Claim)
        case finished(ChannelRun)
    }

    /// Claims up to ``Configuration/claimLimit`` due messages under a fresh lease (noted in
    /// `ledger`), decodes their payloads and groups them by channel.
    private func claim(_ ledger: ClaimLedger) async throws -> Claim {
        let now = clock.now()
        let leaseUntil = now.addingTimeInterval(configuration.lease)
        let messages = try await store.claimOutbox(now: now, leaseUntil: leaseUntil, limit: configuration.claimLimit)
        ledger.note(messages.compactMap(\.id), leasedUntil: leaseUntil)
        guard !messages.isEmpty else { return Claim(batches: []) }
        let records = Dictionary(try await store.channels().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let decoder = JSONDecoder()
        var batches: [ChannelBatch] = []
        var index: [String: Int] = [:]
        for message in messages {
            let row = ClaimedRow(message: message, payload: try? OutboxPayload.decode(message.payload, using: decoder))
            if let position = index[message.channel] {
                batches[position].rows.append(row)
                continue
            }
            index[message.channel] = batches.count
            let channel = records[message.channel].map {
                DeliveryChannel(record: $0, rateLimiting: configuration.rateLimiting, mattermostHosts: configuration.mattermostHosts)
            }
            batches.append(ChannelBatch(name: message.channel, channel: channel, rows: [row], leaseUntil: leaseUntil))
        }
        return Claim(batches: batches)
    }

    /// The claim loop of ``drain()``: claims what is due and posts it per channel, until nothing is due.
    ///
    /// Channels are served concurrently, one batch per channel at a time, so each channel's messages
    /// go out in order; a channel whose batch is done starts its next batch at once, whatever the
    /// other channels are doing. When nothing is left to post, the loop claims again, until a
    /// claim comes back empty after the last batch ended.
    ///
    /// Without rate limits, a full claim is followed by the next while the first is posted (as long as
    /// less than one claim's worth waits for busy channels), so that posting never waits for the
    /// database. Rate-limited posting is too slow for that to matter, and rows claimed that early
    /// would only sit leased. Every claim is noted in `ledger`, so that a drain that stops early can
    /// release what it did not finish.
    func claimAndDeliver(into report: inout DeliveryReport, committer: DeliveryCommitter, ledger: ClaimLedger) async throws {
        let claimsAhead = configuration.rateLimiting == .off
        let limit = configuration.claimLimit
        var throttles: [String: ChannelThrottle] = [:]
        var waiting: [String: [ChannelBatch]] = [:]
        var busy: Set<String> = []
        var waitingRows = 0
        var claiming = false
        var lastClaimFull = false
        var finishedSinceClaim = false
        var resumeAt: Date?

        try await withThrowingTaskGroup(of: Event.self) { group in
            func startClaim() {
                claiming = true
                finishedSinceClaim = false
                group.addTask { .claimed(try await self.claim(ledger)) }
            }
            /// Starts the channel's next waiting batch unless the channel is busy.
            func startNext(of name: String) {
                guard !busy.contains(name), var batches = waiting[name], !batches.isEmpty else { return }
                let batch = batches.removeFirst()
                waiting[name] = batches.isEmpty ? nil : batches
                waitingRows -= batch.rows.count
                busy.insert(name)
                let throttle = throttles[name] ?? ChannelThrottle(limit: batch.channel?.rateLimit)
                group.addTask {
                    .finished(try await self.deliver(batch.rows, channelName: name, channel: batch.channel, throttle: throttle,
                                                     leaseUntil: batch.leaseUntil, committer: committer))
                }
            }

            startClaim()
            while let event = try await group.next() {
                switch event {
                case .claimed(let claim):
                    claiming = false
                    lastClaimFull = claim.count >= limit
                    for batch in claim.batches {
                        waiting[batch.name, default: []].append(batch)
                        waitingRows += batch.rows.count
                    }
                    for batch in claim.batches { startNext(of: batch.name) }
                case .finished(let run):
                    busy.remove(run.channel)
                    finishedSinceClaim = true
                    throttles[run.channel] = run.throttle
                    report.add(run.report)
                    if let held = run.resumeAt { resumeAt = min(resumeAt ?? held, held) }
                    startNext(of: run.channel)
                }
                try Task.checkCancellation()
                if claiming { continue }
                if claimsAhead, lastClaimFull, waitingRows < limit {
                    startClaim()
                } else if busy.isEmpty {
                    // Nothing is posting. Messages given back because their lease would have run out are due
                    // again at once, so when they wait for a channel's token, sleep until it is there before
                    // claiming them again (else claim, release, claim…). Otherwise claim again while the last
                    // claim was full or batches ended since; else stop.
                    if let wake = resumeAt, wake > clock.now() {
                        resumeAt = nil
                        try await clock.sleep(until: wake)
                        startClaim()
                    } else if lastClaimFull || finishedSinceClaim || resumeAt != nil {
                        resumeAt = nil
                        startClaim()
                    } else {
                        break
                    }
                }
            }
        }
    }
}

/// The claims of one drain: which rows it leased, under which lease.
///
/// A drain that stops early (an error, a cancellation) releases what it claimed and did not
/// finish, instead of leaving it leased until the lease runs out.
final class ClaimLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var claims: [(ids: [Int64], leasedUntil: Date)] = []

    func note(_ ids: [Int64], leasedUntil: Date) {
        guard !ids.isEmpty else { return }
        lock.withLock { claims.append((ids, leasedUntil)) }
    }

    /// Releases every claimed row still pending under its lease; runs to the end even when the
    /// calling task is cancelled (the store refuses work from a cancelled task).
    func releaseUnfinished(in store: any Store) async {
        let claims = lock.withLock { self.claims }
        await Task {
            for claim in claims { try? await store.releaseLeases(ids: claim.ids, leasedUntil: claim.leasedUntil) }
        }.value
    }
}
