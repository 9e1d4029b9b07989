import Foundation

extension WebhookClient {
    /// Posts `requests` one after another, each as soon as the one before it was delivered, and
    /// stops at the first that is not; returns the results of the posts made, in order.
    ///
    /// The next post starts on the client's libcurl thread the moment the previous answer
    /// arrived, with no task switch in between — the fast path for one channel's backlog, which
    /// must go out in order. Before each post after the first, `proceed` is asked (on the libcurl
    /// thread; keep it quick): false stops the sequence there, and the results end early.
    /// `delivered(index, result)` also runs on the libcurl thread, as each post is delivered and
    /// before the next starts. Cancelling the calling task cancels the post on the wire and the
    /// rest of the sequence.
    public func sendInOrder(_ requests: [WebhookRequest], proceed: @escaping @Sendable () -> Bool = { true },
                            delivered: (@Sendable (Int, WebhookResult) -> Void)? = nil) async -> [WebhookResult] {
        guard !requests.isEmpty else { return [] }
        let transfers = requests.map { CurlTransfer(request: $0, maxBodyBytes: configuration.maxBodyBytes) }
        for (transfer, next) in zip(transfers, transfers.dropFirst()) {
            transfer.next = next
            next.proceed = proceed
        }
        let loop = self.loop
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let sequence = WebhookSequence(count: transfers.count, continuation: continuation, delivered: delivered)
                for (index, transfer) in transfers.enumerated() {
                    transfer.completion = { sequence.set(index, $0) }
                    transfer.skipped = { sequence.stop() }
                }
                loop.submit([transfers[0]])
            }
        } onCancel: {
            transfers.forEach(loop.cancel)
        }
    }
}

/// Collects the results of ``WebhookClient/sendInOrder(_:proceed:delivered:)`` and resumes the
/// caller after the last post, the first failure, or a stop.
final class WebhookSequence: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let delivered: (@Sendable (Int, WebhookResult) -> Void)?
    private var results: [WebhookResult] = []
    private var continuation: CheckedContinuation<[WebhookResult], Never>?

    init(count: Int, continuation: CheckedContinuation<[WebhookResult], Never>, delivered: (@Sendable (Int, WebhookResult) -> Void)?) {
        self.count = count
        self.continuation = continuation
        self.delivered = delivered
        results.reserveCapacity(count)
    }

    /// Records the result of post `index`; resumes the caller after the last or a failure.
    func set(_ index: Int, _ result: WebhookResult) {
        lock.lock()
        guard continuation != nil, index == results.count else { lock.unlock(); return }
        results.append(result)
        let finished = !result.isDelivered || results.count == count
        lock.unlock()
        if result.isDelivered { delivered?(index, result) }
        if finished { stop() }
    }

    /// Resumes the caller with the results so far.
    func stop() {
        lock.lock()
        let waiting = continuation
        continuation = nil
        let collected = results
        lock.unlock()
        waiting?.resume(returning: collected)
    }
}
