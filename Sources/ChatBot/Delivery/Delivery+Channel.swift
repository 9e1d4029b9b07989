import AcademyStore
import Foundation

extension Delivery {
    /// Delivers one channel's claimed messages in order: merged posts, within the channel's limits.
    ///
    /// Delivered posts go to `committer`, which commits them beside the next posts (group commit).
    func deliver(_ rows: [OutboxMessage], channelName: String, channel: DeliveryChannel?, throttle: ChannelThrottle,
                 leaseUntil: Date, committer: DeliveryCommitter) async throws -> ChannelRun {
        var run = ChannelRun(channel: channelName, throttle: throttle)
        guard let channel else {
            let error = DeliveryError.channelMissing(channelName).localizedDescription
            for row in rows { try await store.markFailed(id: row.id ?? -1, error: error, retryAt: nil) }
            run.report.dead += rows.count
            return run
        }
        var queue: [DeliveryPost.Queued] = []
        for row in rows {
            if let payload = try? OutboxPayload.decode(row.payload) {
                queue.append(.init(row: row, payload: payload))
            } else {
                let error = DeliveryError.unreadablePayload(id: row.id ?? -1).localizedDescription
                try await store.markFailed(id: row.id ?? -1, error: error, retryAt: nil)
                run.report.dead += 1
            }
        }
        return try await post(queue[...], to: channel, leaseUntil: leaseUntil, run: run) { ids in
            try await committer.record(ids)
        }
    }

    /// Posts `queue` in order; `commit` records each delivered post.
    private func post(_ queue: ArraySlice<DeliveryPost.Queued>, to channel: DeliveryChannel, leaseUntil: Date, run: ChannelRun,
                      commit: ([Int64]) async throws -> Void) async throws -> ChannelRun {
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
            guard let post = DeliveryPost.next(from: pending, format: format, mergeLimit: configuration.mergeLimit) else { break }
            var payload = post.single
            var failure: WebhookResult?
            for part in post.startPart..<post.payloads.count {
                let ready = run.throttle.bucket?.availableAt(clock.now()) ?? clock.now()
                if ready.addingTimeInterval(configuration.leaseMargin) > leaseUntil {
                    // The lease would run out first: put the rest back, due when the token is; this run claims it again.
                    try await hold(pending, until: ready, in: &run, report: false)
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
                try await commit(post.ids)
                run.report.delivered += post.rows.count
                continue
            }
            let retryAt = try await record(failure, of: post, channel: channel, in: &run)
            if case .retryable = failure.classification, !pending.isEmpty {
                // The channel is failing or asked to wait: the rest waits with it instead of spending attempts.
                let until = run.throttle.blockedUntil ?? retryAt ?? clock.now().addingTimeInterval(backoff.delay(afterFailures: 0))
                try await hold(pending, until: until, in: &run)
                run.report.heldForChannel += pending.count
                return run
            }
        }
        return run
    }

    /// Puts messages back unchanged, due at `date`; `report` notes the date as the next attempt.
    private func hold(_ pending: ArraySlice<DeliveryPost.Queued>, until date: Date, in run: inout ChannelRun,
                      report: Bool = true) async throws {
        try await store.postpone(ids: pending.compactMap(\.row.id), until: date)
        if report { run.report.due(at: date) }
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
