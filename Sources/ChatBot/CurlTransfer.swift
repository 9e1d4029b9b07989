import CCurl
import Foundation

/// One post in flight: the request, its easy handle while running, and the answer so far.
///
/// Created by ``WebhookClient/send(_:)``; after ``CurlMultiLoop/submit(_:)`` every field except
/// `cancelRequested` (guarded by the loop's lock) is touched only by the loop's thread.
final class CurlTransfer: @unchecked Sendable {
    let request: WebhookRequest
    /// The redacted URL; set by the loop from its cache, computed here for a transfer it never took.
    var cachedDestination: String?
    let maxBodyBytes: Int
    /// Called once with the result, on whichever thread finishes the transfer.
    var completion: (@Sendable (WebhookResult) -> Void)?
    /// Set by `cancel` under the loop's lock.
    var cancelRequested = false
    /// The post to start when this one is delivered (``WebhookClient/sendInOrder(_:proceed:delivered:)``).
    var next: CurlTransfer?
    /// Asked on the loop thread before this post starts as the `next` of another; false skips it.
    var proceed: (@Sendable () -> Bool)?
    /// Called instead of `completion` when this post is skipped.
    var skipped: (@Sendable () -> Void)?
    var origin = ""
    var handle: UnsafeMutableRawPointer?
    /// A header list built for this transfer alone (the loop's cache holds the common ones).
    var headerList: UnsafeMutablePointer<curl_slist>?
    var responseBody = Data()
    var responseTruncated = false

    init(request: WebhookRequest, maxBodyBytes: Int) {
        self.request = request
        self.maxBodyBytes = maxBodyBytes
    }

    /// `scheme://host/…`, never the full URL.
    var destination: String { cachedDestination ?? request.redactedURL }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
    }

    /// Keeps up to `maxBodyBytes` of the answer; the rest is read and dropped.
    func append(_ bytes: UnsafeRawBufferPointer) {
        let room = maxBodyBytes - responseBody.count
        if bytes.count > room { responseTruncated = true }
        if room > 0 { responseBody.append(contentsOf: bytes.prefix(room)) }
    }

    /// Hands the result to the waiting `send` exactly once.
    func resume(with result: WebhookResult) {
        guard let completion else { return }
        self.completion = nil
        completion(result)
    }

    /// Frees the header list built for the last attempt.
    func releaseHeaders() {
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }

    /// A result for a post that never reached libcurl or was taken off it.
    func immediateResult(_ classification: WebhookClassification, requestSent: Bool = false) -> WebhookResult {
        WebhookResult(destination: destination, status: nil, body: "", retryAfter: nil, classification: classification,
                      requestSent: requestSent, duration: 0, connectionsOpened: 0)
    }
}

/// libcurl's write callback: hands each chunk of the answer to its ``CurlTransfer``.
let curlTransferWriteCallback: pmo_curl_write_callback = { pointer, size, count, userdata in
    let total = size * count
    guard let pointer, let userdata else { return total }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.append(UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: total))
    return total
}
