import Foundation

/// Collects the results of a batch `WebhookClient.send(_:)` and resumes the caller when the last
/// one arrives.
final class WebhookBatch: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [WebhookResult?]
    private var remaining: Int
    private var continuation: CheckedContinuation<[WebhookResult], Never>?

    init(count: Int, continuation: CheckedContinuation<[WebhookResult], Never>) {
        self.results = Array(repeating: nil, count: count)
        self.remaining = count
        self.continuation = continuation
    }

    /// Records one result; resumes the caller after the last.
    func set(_ index: Int, _ result: WebhookResult) {
        lock.lock()
        guard results.indices.contains(index), results[index] == nil else { lock.unlock(); return }
        results[index] = result
        remaining -= 1
        guard remaining == 0, let finished = continuation else { lock.unlock(); return }
        continuation = nil
        let collected = results.compactMap { $0 }
        lock.unlock()
        finished.resume(returning: collected)
    }
}
