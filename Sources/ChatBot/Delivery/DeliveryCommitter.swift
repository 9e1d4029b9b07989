import AcademyStore
import Foundation

/// Records delivered posts in the store by group commit: one transaction for every post that
/// was accepted while the previous transaction ran.
///
/// A channel hands over a delivered post's ids and goes on with its next post at once. While no
/// transaction runs, the ids are committed at once, in a transaction of their own; while one runs,
/// the ids of every channel collect and go into the next. So a quiet worker commits each post as
/// soon as its platform accepted it, and a busy one commits a few hundred in one transaction
/// instead of one each (back-to-back transactions are spaced by ``gatherInterval``). At most
/// ``backlogLimit`` ids wait uncommitted: beyond that a channel waits for the commit of its own ids.
///
/// What a killed worker leaves is unchanged in kind: committed posts are never sent again, and
/// posts accepted but not yet committed stay leased and are posted again once their lease runs
/// out (the documented duplicate). ``finish()`` returns when every id handed over is committed.
final class DeliveryCommitter: @unchecked Sendable {
    private let store: any Store
    private let clock: any DeliveryClock
    /// The most ids that wait uncommitted before a channel waits for its commit.
    let backlogLimit: Int

    // Guarded by `lock`.
    private let lock = NSLock()
    private var collecting: [Int64] = []
    /// The number of the batch that `collecting` will be committed as.
    private var nextBatch = 0
    /// Every batch up to this number is committed.
    private var committedThrough = -1
    private var committing = false
    /// How many ids are committed so far.
    private var committed = 0
    private var failure: (any Error)?
    private var waiters: [(batch: Int, continuation: CheckedContinuation<Void, any Error>)] = []

    init(store: any Store, clock: any DeliveryClock, backlogLimit: Int = 1024) {
        self.store = store
        self.clock = clock
        self.backlogLimit = max(1, backlogLimit)
    }

    /// Hands over the ids of one delivered post; returns before they are committed unless the
    /// backlog is full. Throws when an earlier commit failed.
    func record(_ ids: [Int64]) async throws {
        handOver(ids)
        try await waitWhileBacklogged()
    }

    /// Hands over the ids of one delivered post without waiting (callable from any thread, such
    /// as the webhook client's); pair it with ``waitWhileBacklogged()``.
    func handOver(_ ids: [Int64]) {
        guard !ids.isEmpty else { return }
        let startCommitting = lock.withLock { () -> Bool in
            guard failure == nil else { return false }
            collecting.append(contentsOf: ids)
            defer { committing = true }
            return !committing
        }
        if startCommitting {
            Task { await self.commitLoop() }
        }
    }

    /// How many messages are committed as delivered so far.
    var committedCount: Int { lock.withLock { committed } }

    /// Waits while ``backlogLimit`` or more ids wait uncommitted; throws when a commit failed.
    func waitWhileBacklogged() async throws {
        let (failed, backlogged, batch) = lock.withLock { (failure, collecting.count >= backlogLimit, nextBatch) }
        if let failed { throw failed }
        if backlogged { try await waitUntilCommitted(batch) }
    }

    /// Returns when every id handed over so far is committed; throws the first commit's error.
    func finish() async throws {
        let batch = lock.withLock { collecting.isEmpty ? nextBatch - 1 : nextBatch }
        try await waitUntilCommitted(batch)
    }

    private func waitUntilCommitted(_ batch: Int) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = lock.withLock { () -> Result<Bool, any Error> in
                if let failure { return .failure(failure) }
                if committedThrough >= batch { return .success(true) }
                waiters.append((batch, continuation))
                return .success(false)
            }
            switch outcome {
            case .failure(let error): continuation.resume(throwing: error)
            case .success(true): continuation.resume()
            case .success(false): break  // resumed by the commit loop
            }
        }
    }

    /// How long the committer lets ids gather between two back-to-back transactions.
    static let gatherInterval: Duration = .milliseconds(2)

    /// Commits what has collected, batch after batch, until nothing is left.
    ///
    /// The first batch is committed at once; while posts keep coming, each next transaction
    /// waits ``gatherInterval`` for more ids (unless someone waits for the commit, or the backlog
    /// is large), so that a busy worker writes a few hundred rows per transaction, not one or two.
    private func commitLoop() async {
        var first = true
        while true {
            if !first {
                let hurry = lock.withLock { !waiters.isEmpty || collecting.count >= backlogLimit / 4 }
                if !hurry { try? await Task.sleep(for: Self.gatherInterval) }
            }
            first = false
            let next = lock.withLock { () -> (ids: [Int64], batch: Int)? in
                guard !collecting.isEmpty else {
                    committing = false
                    return nil
                }
                defer {
                    collecting = []
                    nextBatch += 1
                }
                return (collecting, nextBatch)
            }
            guard let (ids, batch) = next else { return }

            var error: (any Error)?
            do {
                try await store.markPostDelivered(ids: ids, at: clock.now())
            } catch let thrown {
                error = thrown
            }

            let ready = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
                var ready: [CheckedContinuation<Void, any Error>] = []
                if let error {
                    failure = failure ?? error
                    committing = false
                    ready = waiters.map(\.continuation)
                    waiters.removeAll()
                } else {
                    committedThrough = batch
                    committed += ids.count
                    waiters.removeAll { waiter in
                        guard waiter.batch <= batch else { return false }
                        ready.append(waiter.continuation)
                        return true
                    }
                }
                return ready
            }
            if let error {
                for continuation in ready { continuation.resume(throwing: error) }
                return
            }
            for continuation in ready { continuation.resume() }
        }
    }
}
