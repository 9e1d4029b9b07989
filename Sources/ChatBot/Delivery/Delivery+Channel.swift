import AcademyStore
import Foundation

extension Delivery {
    /// Delivers one channel's claimed messages in order: merged posts, within the channel's limits.
    ///
    /// Delivered posts go to `committer`, which commits them beside the next posts (group commit).
    func deliver(_ rows: [ClaimedRow], channelName: String, channel: DeliveryChannel?, throttle: ChannelThrottle,
                 leaseUntil: Date, committer: DeliveryCommitter) async throws -> ChannelRun {
        var run = ChannelRun(channel: channelName, throttle: throttle)
        guard let channel else {
            let error = DeliveryError.channelMissing(channelName).localizedDescription
            for row in rows { try await store.markFailed(id: row.message.id ?? -1, error: error, retryAt: nil) }
            run.report.dead += rows.count
            return run
        }
        var queue: [DeliveryPost.Queued] = []
        for row in rows {
            if let payload = row.payload {
                queue.append(.init(row: row.message, payload: payload))
            } else {
                let error = DeliveryError.unreadablePayload(id: row.message.id ?? -1).localizedDescription
                try await store.markFailed(id: row.message.id ?? -1, error: error, retryAt: nil)
                run.report.dead += 1
            }
        }
        return try await post(queue[...], to: channel, leaseUntil: leaseUntil, run: run, committer: committer)
    }

    /// The most posts of one channel handed to the client as one in-order sequence.
    static let postsPerSequence = 64

    /// Posts `queue` in order; `committer` records each delivered post.
    private func post(_ queue: ArraySlice<DeliveryPost.Queued>, to channel: DeliveryChannel, leaseUntil: Date, run: ChannelRun,
                      committer: DeliveryCommitter) async throws -> ChannelRun {
        var run = run
        var pending = queue
        let format = channel.platform.format
        while !pending.isEmpty {
            try Task.checkCancellation()
            let now = clock.now()
            if let quietEnd = channel.quietHours?.end(containing: now, in: channel.timeZone) {
                try await hold(pending, until: quietEnd, in: &run)
                run.report.heldForQuietHours += pending.count
                return run
            }
            if let blocked = run.throttle.blockedUntil, blocked > now {
                try await hold(pending, until: blocked, in: &run)
                run.report.heldForChannel += pending.count
                return run
            }
            if run.throttle.bucket == nil {
                // No rate limit: single-payload posts go to the client as one in-order sequence.
                let posts = DeliveryPost.sequence(from: pending, format: format, mergeLimit: configuration.mergeLimit,
                                                  limit: Self.postsPerSequence)
                if !posts.isEmpty {
                    if clock.now().addingTimeInterval(configuration.leaseMargin) > leaseUntil {
                        // The lease would run out first: release the rest; this run claims it again.
                        try await release(pending, leasedUntil: leaseUntil)
                        run.resumeAt = clock.now()
                        return run
                    }
                    let (results, failure) = await postInOrder(posts, to: channel, leaseUntil: leaseUntil, committer: committer)
                    for (post, result) in zip(posts, results) {
                        run.report.connectionsOpened += result.connectionsOpened
                        configuration.log?("\(channel.name): \(post.rows.count) message\(post.rows.count == 1 ? "" : "s"), part \(post.startPart + 1)/\(post.payloads.count) → \(result)")
                        pending = pending.dropFirst(post.rows.count)
                        if result.isDelivered {
                            run.report.posts += 1
                            run.report.delivered += post.rows.count
                        }
                    }
                    try await committer.waitWhileBacklogged()
                    if let failure, let post = posts.dropFirst(results.count - 1).first {
                        if try await recordFailure(failure, of: post, channel: channel, pending: pending, in: &run) { return run }
                    }
                    continue
                }
            }
            guard let post = DeliveryPost.next(from: pending, format: format, mergeLimit: configuration.mergeLimit) else { break }
            var payload = post.single
            var failure: WebhookResult?
            for part in post.startPart..<post.payloads.count {
                let ready = run.throttle.bucket?.availableAt(clock.now()) ?? clock.now()
                if ready.addingTimeInterval(configuration.leaseMargin) > leaseUntil {
                    // The lease would run out first: release the rest; this run claims it again when the token is there.
                    try await release(pending, leasedUntil: leaseUntil)
                    run.resumeAt = ready
                    return run
                }
                if var bucket = run.throttle.bucket {
                    try await clock.sleep(until: ready)
                    while !bucket.take(at: clock.now()) { try await clock.sleep(until: bucket.availableAt(clock.now())) }
                    run.throttle.bucket = bucket
                }
                let result = await client.send(post.payloads[part].request(to: channel.url))
                run.report.connectionsOpened += result.connectionsOpened
                configuration.log?("\(channel.name): \(post.rows.count) message\(post.rows.count == 1 ? "" : "s"), part \(part + 1)/\(post.payloads.count) → \(result)")
                guard result.isDelivered else { failure = result; break }
                run.report.posts += 1
                if var progress = payload, part + 1 < post.payloads.count, let id = post.rows.first?.id {
                    progress.partsDelivered = part + 1
                    try await store.recordPartialDelivery(id: id, payload: progress.encoded())
                    payload = progress
                }
            }
            pending = pending.dropFirst(post.rows.count)
            guard let failure else {
                try await committer.record(post.ids)
                run.report.delivered += post.rows.count
                continue
            }
            if try await recordFailure(failure, of: post, channel: channel, pending: pending, in: &run) { return run }
        }
        return run
    }

    /// Sends `posts` (one payload each) as one in-order sequence; each delivered post goes to
    /// `committer` as its answer arrives. Returns the results and the failure that stopped it, if any.
    ///
    /// No post starts once the lease is too close to its end (the sequence stops early, and the
    /// claim loop takes the rest up again).
    private func postInOrder(_ posts: [DeliveryPost], to channel: DeliveryChannel, leaseUntil: Date,
                             committer: DeliveryCommitter) async -> (results: [WebhookResult], failure: WebhookResult?) {
        let clock = self.clock
        let lastStart = leaseUntil.addingTimeInterval(-configuration.leaseMargin)
        let ids = posts.map(\.ids)
        let requests = posts.map { $0.payloads[$0.startPart].request(to: channel.url) }
        let results = await client.sendInOrder(requests, proceed: { clock.now() <= lastStart }) { index, _ in
            committer.handOver(ids[index])
        }
        let failure = results.last.flatMap { $0.isDelivered ? nil : $0 }
        return (results, failure)
    }

    /// Records a failed post; when the failure is retryable, holds the rest of the channel with it.
    ///
    /// Returns true when the channel's run ends here (the rest was put back).
    private func recordFailure(_ failure: WebhookResult, of post: DeliveryPost, channel: DeliveryChannel,
                               pending: ArraySlice<DeliveryPost.Queued>, in run: inout ChannelRun) async throws -> Bool {
        let retryAt = try await record(failure, of: post, channel: channel, in: &run)
        guard case .retryable = failure.classification, !pending.isEmpty else { return false }
        // The channel is failing or asked to wait: the rest waits with it instead of spending attempts.
        let until = run.throttle.blockedUntil ?? retryAt ?? clock.now().addingTimeInterval(backoff.delay(afterFailures: 0))
        try await hold(pending, until: until, in: &run)
        run.report.heldForChannel += pending.count
        return true
    }

    /// Puts messages back unchanged, due at `date`; `report` notes the date as the next attempt.
    private func hold(_ pending: ArraySlice<DeliveryPost.Queued>, until date: Date, in run: inout ChannelRun) async throws {
        try await store.postpone(ids: pending.compactMap(\.row.id), until: date)
        run.report.due(at: date)
    }

    /// Gives messages back unchanged, due as they were, so that they keep their place before the channel's
    /// later messages (postponing them would put those first); the claim loop claims them again.
    private func release(_ pending: ArraySlice<DeliveryPost.Queued>, leasedUntil: Date) async throws {
        try await store.releaseLeases(ids: pending.compactMap(\.row.id), leasedUntil: leasedUntil)
    }

    /// Records a failed post for each of its messages: a retry at a time, or a dead letter.
    ///
    /// Returns the earliest retry time, or nil when every message became a dead letter.
    private func record(_ failure: WebhookResult, of post: DeliveryPost, channel: DeliveryChannel,
                        in run: inout ChannelRun) async throws -> Date? {
        var earliest: Date?
        let now = clock.now()
        let text = WebhookRedaction.scrub(failure.failure?.errorDescription ?? failure.description, secretsOf: channel.url)
        if failure.failure?.mayHaveBeenDelivered == true { run.report.possibleDuplicates += post.rows.count }
        var retryAfter: TimeInterval?
        if let seconds = failure.retryAfter, seconds > 0 {
            retryAfter = min(seconds, configuration.maxRetryAfter)
        }
        for row in post.rows {
            guard let id = row.id else { continue }
            let attempts = row.attempts + 1
            switch failure.classification {
            case .delivered:
                continue
            case .permanent:
                try await store.markFailed(id: id, error: text, retryAt: nil)
                run.report.dead += 1
            case .retryable:
                if attempts >= configuration.maxAttempts {
                    try await store.markFailed(id: id, error: DeliveryError.gaveUp(attempts: attempts, last: text).localizedDescription,
                                               retryAt: nil)
                    run.report.dead += 1
                } else {
                    let retryAt = now.addingTimeInterval(retryAfter ?? backoff.delay(afterFailures: row.attempts))
                    try await store.markFailed(id: id, error: text, retryAt: retryAt)
                    run.report.retrying += 1
                    run.report.due(at: retryAt)
                    earliest = min(earliest ?? retryAt, retryAt)
                }
            }
        }
        if let retryAfter { run.throttle.blockedUntil = now.addingTimeInterval(retryAfter) }
        return earliest
    }
}
