import CCurl
import Foundation

/// Drives libcurl's multi interface on one dedicated thread for a ``WebhookClient``.
///
/// Threading: other threads only append to the inbox (under `lock`) and call
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread. Every other libcurl
/// call — easy handles, `curl_multi_perform`, `curl_multi_poll` — happens on the loop thread, so no
/// easy handle is ever used by two threads. Idle easy handles are pooled per origin; the multi
/// handle's connection cache keeps their connections alive between posts.
final class CurlMultiLoop: @unchecked Sendable {
    // Shared with other threads; guarded by `lock`.
    private let lock = NSLock()
    private var inbox: [CurlTransfer] = []
    private var cancellations: [CurlTransfer] = []
    private var stopping = false
    private var multiReleased = false
    /// The loop is in (or about to enter) `curl_multi_poll`: a new transfer must wake it.
    private var polling = false
    /// A wakeup was sent since the loop last entered `curl_multi_poll`.
    private var wakeupSent = false

    // Owned by the loop thread.
    let configuration: WebhookClient.Configuration
    let multi: UnsafeMutableRawPointer?
    private var pending: [String: [CurlTransfer]] = [:]
    private var pendingOrigins: [String] = []
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var runningPerOrigin: [String: Int] = [:]
    var idleHandles: [String: [UnsafeMutableRawPointer]] = [:]
    var idleHandleCount = 0
    /// Easy handles whose constant options are set (they keep them between posts).
    var configuredHandles: Set<UnsafeMutableRawPointer> = []
    /// Header lists by request headers, built once and kept for the loop's life (bounded).
    var headerLists: [[String: String]: UnsafeMutablePointer<curl_slist>] = [:]
    /// Origin and redacted form per webhook URL, parsed once (bounded).
    private var targets: [String: Target] = [:]

    /// What the loop needs to know of a webhook URL.
    private struct Target {
        /// `scheme://host:port`, the key of the per-host limit and handle pool; nil when unusable.
        var origin: String?
        /// The URL as shown: `scheme://host/…`.
        var destination: String
        /// Why the URL cannot be posted to.
        var refusal: WebhookFailure?
    }

    /// Creates the multi handle and starts the loop thread; `globalInit` is libcurl's answer to
    /// `curl_global_init`, which must have succeeded.
    init(configuration: WebhookClient.Configuration, globalInit: CURLcode) {
        self.configuration = configuration
        let multi = globalInit == CURLE_OK ? curl_multi_init() : nil
        self.multi = multi
        if let multi {
            _ = pmo_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxCachedConnections)
            _ = pmo_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConcurrentTransfersPerHost)
            let thread = Thread { [self] in run() }
            thread.name = "pmo-webhook-curl"
            thread.start()
        } else {
            multiReleased = true
            stopping = true
        }
    }

    // MARK: - Any thread

    /// Queues transfers with one wakeup; resumes at once those already cancelled, or all of
    /// them when the loop has stopped.
    func submit(_ transfers: [CurlTransfer]) {
        var refused: [CurlTransfer] = []
        lock.lock()
        for transfer in transfers {
            if transfer.cancelRequested || stopping {
                refused.append(transfer)
            } else {
                inbox.append(transfer)
            }
        }
        // A loop that is not polling reads the inbox before it polls again: no wakeup needed.
        if refused.count < transfers.count, polling, !wakeupSent {
            wakeupSent = true
            wakeUpLocked()
        }
        lock.unlock()
        let failure: WebhookFailure = multi == nil
            ? .network(code: Int(CURLE_FAILED_INIT.rawValue), detail: "libcurl could not be initialised", afterSending: false)
            : .cancelled(afterSending: false)
        for transfer in refused {
            transfer.resume(with: transfer.immediateResult(.retryable(failure)))
        }
    }

    /// Asks the loop to take a transfer off the wire; it resumes as cancelled.
    func cancel(_ transfer: CurlTransfer) {
        lock.lock()
        transfer.cancelRequested = true
        cancellations.append(transfer)
        wakeUpLocked()
        lock.unlock()
    }

    /// Stops the loop: waiting and running transfers resume as cancelled, handles are freed.
    func stop() {
        lock.lock()
        stopping = true
        wakeUpLocked()
        lock.unlock()
    }

    private func wakeUpLocked() {
        if let multi, !multiReleased { _ = curl_multi_wakeup(multi) }
    }

    // MARK: - Loop thread

    private func run() {
        guard let multi else { return }
        while true {
            lock.lock()
            let arrived = inbox
            let withdrawn = cancellations
            let stop = stopping
            inbox.removeAll()
            cancellations.removeAll()
            lock.unlock()

            for transfer in arrived { enqueue(transfer) }
            for transfer in withdrawn { withdraw(transfer) }
            if stop { break }

            startWaitingTransfers()
            var stillRunning: Int32 = 0
            _ = curl_multi_perform(multi, &stillRunning)
            if collectFinished(multi) > 0, canStartMore { continue }
            lock.lock()
            if !inbox.isEmpty || !cancellations.isEmpty || stopping {
                lock.unlock()
                continue
            }
            polling = true
            lock.unlock()
            var descriptors: Int32 = 0
            _ = curl_multi_poll(multi, nil, 0, 1000, &descriptors)
            lock.lock()
            polling = false
            wakeupSent = false
            lock.unlock()
        }
        shutDown(multi)
    }

    private var canStartMore: Bool {
        running.count < configuration.maxConcurrentTransfers && !pendingOrigins.isEmpty
    }

    private func enqueue(_ transfer: CurlTransfer) {
        let target = target(for: transfer.request.url)
        transfer.cachedDestination = target.destination
        guard let origin = target.origin else {
            transfer.resume(with: transfer.immediateResult(.permanent(target.refusal ?? .invalidURL(detail: "not a url"))))
            return
        }
        transfer.origin = origin
        if pending[origin, default: []].isEmpty { pendingOrigins.append(origin) }
        pending[origin, default: []].append(transfer)
    }

    /// The origin and redacted form of `url`, parsed once per URL.
    private func target(for url: String) -> Target {
        if let known = targets[url] { return known }
        let target: Target
        if let parts = WebhookRedaction.Parts(url) {
            let destination = WebhookRedaction.redacted(url)
            if parts.scheme == "http" || parts.scheme == "https" {
                target = Target(origin: "\(parts.scheme)://\(parts.hostAndPort)", destination: destination)
            } else {
                target = Target(origin: nil, destination: destination, refusal: .invalidURL(detail: "only http and https are allowed"))
            }
        } else {
            target = Target(origin: nil, destination: WebhookRedaction.redacted(url), refusal: .invalidURL(detail: "not a url"))
        }
        if targets.count >= 4096 { targets.removeAll() }
        targets[url] = target
        return target
    }

    /// Starts waiting transfers round-robin over origins within both concurrency limits.
    private func startWaitingTransfers() {
        var startedOne = true
        while startedOne, canStartMore {
            startedOne = false
            for origin in pendingOrigins where running.count < configuration.maxConcurrentTransfers {
                guard runningPerOrigin[origin, default: 0] < configuration.maxConcurrentTransfersPerHost,
                      var queue = pending[origin], !queue.isEmpty else { continue }
                let transfer = queue.removeFirst()
                pending[origin] = queue.isEmpty ? nil : queue
                start(transfer)
                startedOne = true
            }
            pendingOrigins.removeAll { pending[$0] == nil }
        }
    }

    private func start(_ transfer: CurlTransfer) {
        guard let multi, let handle = checkOutHandle(for: transfer.origin) else {
            let failure = WebhookFailure.network(code: Int(CURLE_OUT_OF_MEMORY.rawValue), detail: "libcurl could not create a handle", afterSending: false)
            transfer.resume(with: transfer.immediateResult(.retryable(failure)))
            return
        }
        let configured = configure(handle, for: transfer)
        guard configured == CURLE_OK else {
            transfer.releaseHeaders()
            checkIn(handle, for: transfer.origin)
            transfer.resume(with: transfer.immediateResult(classify(error: configured, transfer: transfer, requestSent: false, elapsed: 0)))
            return
        }
        guard curl_multi_add_handle(multi, handle) == CURLM_OK else {
            transfer.releaseHeaders()
            checkIn(handle, for: transfer.origin)
            let failure = WebhookFailure.network(code: Int(CURLE_FAILED_INIT.rawValue), detail: "libcurl could not start the transfer", afterSending: false)
            transfer.resume(with: transfer.immediateResult(.retryable(failure)))
            return
        }
        transfer.handle = handle
        running[handle] = transfer
        runningPerOrigin[transfer.origin, default: 0] += 1
    }

    /// Reads libcurl's completion messages and finishes their transfers; returns how many.
    private func collectFinished(_ multi: UnsafeMutableRawPointer) -> Int {
        var done: [(UnsafeMutableRawPointer, CURLcode)] = []
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            if message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle {
                done.append((handle, message.pointee.data.result))
            }
        }
        for (handle, code) in done {
            guard let transfer = running[handle] else { continue }
            finish(transfer, code: code)
        }
        return done.count
    }

    private func finish(_ transfer: CurlTransfer, code: CURLcode) {
        guard let handle = transfer.handle else { return }
        let result = makeResult(for: transfer, handle: handle, code: code)
        detach(transfer, handle: handle)
        configuration.log?(result.description)
        let next = result.isDelivered ? transfer.next : nil
        transfer.next = nil
        transfer.resume(with: result)
        if let next { startInSequence(next) }
    }

    /// Starts the next post of an in-order sequence on this thread, unless it was cancelled or
    /// its `proceed` says stop.
    private func startInSequence(_ transfer: CurlTransfer) {
        lock.lock()
        let cancelled = transfer.cancelRequested || stopping
        lock.unlock()
        if cancelled {
            transfer.resume(with: transfer.immediateResult(.retryable(.cancelled(afterSending: false))))
        } else if let proceed = transfer.proceed, !proceed() {
            transfer.completion = nil
            transfer.skipped?()
        } else {
            enqueue(transfer)
        }
        transfer.skipped = nil
    }

    /// Handles a cancellation: a waiting transfer leaves its queue, a running one the wire.
    private func withdraw(_ transfer: CurlTransfer) {
        if let handle = transfer.handle, running[handle] === transfer {
            let sent = requestSent(handle, transfer: transfer)
            detach(transfer, handle: handle)
            transfer.resume(with: transfer.immediateResult(.retryable(.cancelled(afterSending: sent)), requestSent: sent))
        } else if var queue = pending[transfer.origin], let index = queue.firstIndex(where: { $0 === transfer }) {
            queue.remove(at: index)
            pending[transfer.origin] = queue.isEmpty ? nil : queue
            pendingOrigins.removeAll { pending[$0] == nil }
            transfer.resume(with: transfer.immediateResult(.retryable(.cancelled(afterSending: false))))
        }
    }

    private func detach(_ transfer: CurlTransfer, handle: UnsafeMutableRawPointer) {
        if let multi { _ = curl_multi_remove_handle(multi, handle) }
        running[handle] = nil
        runningPerOrigin[transfer.origin, default: 1] -= 1
        if runningPerOrigin[transfer.origin] == 0 { runningPerOrigin[transfer.origin] = nil }
        transfer.handle = nil
        transfer.releaseHeaders()
        checkIn(handle, for: transfer.origin)
    }

    private func shutDown(_ multi: UnsafeMutableRawPointer) {
        for transfer in Array(running.values) {
            guard let handle = transfer.handle else { continue }
            let sent = requestSent(handle, transfer: transfer)
            detach(transfer, handle: handle)
            transfer.resume(with: transfer.immediateResult(.retryable(.cancelled(afterSending: sent)), requestSent: sent))
        }
        for transfer in pending.values.joined() {
            transfer.resume(with: transfer.immediateResult(.retryable(.cancelled(afterSending: false))))
        }
        pending.removeAll()
        pendingOrigins.removeAll()
        releaseIdleHandles()
        releaseHeaderLists()
        lock.lock()
        multiReleased = true
        let late = inbox
        inbox.removeAll()
        lock.unlock()
        for transfer in late {
            transfer.resume(with: transfer.immediateResult(.retryable(.cancelled(afterSending: false))))
        }
        curl_multi_cleanup(multi)
    }
}
