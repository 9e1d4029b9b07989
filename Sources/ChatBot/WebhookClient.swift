import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Posts chat messages to incoming webhooks over libcurl, many destinations at once.
///
/// One client owns one libcurl multi handle driven by a dedicated thread (see `docs/chat.md`):
/// posts to different destinations run concurrently, connections are kept alive and reused
/// between posts, and every post has explicit connect and total timeouts. Redirects are never
/// followed, only http and https are allowed, TLS is always verified, and proxies come from the
/// environment (`https_proxy`, `http_proxy`, `ALL_PROXY`, `NO_PROXY`) unless disabled.
///
/// Keep one client for the life of the process; `send` never throws — the answer, including
/// network failures, is in the ``WebhookResult``.
public final class WebhookClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: Configuration
    let loop: CurlMultiLoop

    /// Ignores SIGPIPE and calls `curl_global_init` — once per process, on first use.
    ///
    /// libcurl 7.84+ built `threadsafe` (Debian 12's is) makes the call safe even when threads
    /// exist; the `pmo` entry point still calls ``prepareProcess()`` first thing.
    private static let globalInit: CURLcode = {
        _ = signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    /// Initialises libcurl and ignores SIGPIPE; call it early in `main`. Idempotent.
    @discardableResult
    public static func prepareProcess() -> Bool { globalInit == CURLE_OK }

    /// Creates a client and its libcurl thread.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.loop = CurlMultiLoop(configuration: configuration, globalInit: Self.globalInit)
    }

    deinit { loop.stop() }

    /// Posts `request` and returns the platform's answer, classified.
    ///
    /// Cancelling the calling task takes the post off the wire; the result is then
    /// `.retryable(.cancelled(afterSending:))`.
    public func send(_ request: WebhookRequest) async -> WebhookResult {
        let transfer = CurlTransfer(request: request, maxBodyBytes: configuration.maxBodyBytes)
        let loop = self.loop
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.completion = { continuation.resume(returning: $0) }
                loop.submit([transfer])
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }

    /// Posts every request concurrently (within the client's limits) and returns the results in
    /// request order.
    ///
    /// All requests reach the libcurl thread at once, without a task per request.
    public func send(_ requests: [WebhookRequest]) async -> [WebhookResult] {
        guard !requests.isEmpty else { return [] }
        let transfers = requests.map { CurlTransfer(request: $0, maxBodyBytes: configuration.maxBodyBytes) }
        let loop = self.loop
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let batch = WebhookBatch(count: transfers.count, continuation: continuation)
                for (index, transfer) in transfers.enumerated() {
                    transfer.completion = { batch.set(index, $0) }
                }
                loop.submit(transfers)
            }
        } onCancel: {
            transfers.forEach(loop.cancel)
        }
    }

    /// Stops the client: posts still waiting or running return as cancelled.
    public func shutdown() { loop.stop() }
}
