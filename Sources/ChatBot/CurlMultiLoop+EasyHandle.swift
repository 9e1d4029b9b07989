import CCurl
import Foundation

extension CurlMultiLoop {
    /// An idle easy handle for `origin`, reset, or a new one.
    func checkOutHandle(for origin: String) -> UnsafeMutableRawPointer? {
        if var idle = idleHandles[origin], let handle = idle.popLast() {
            idleHandles[origin] = idle.isEmpty ? nil : idle
            idleHandleCount -= 1
            curl_easy_reset(handle)
            return handle
        }
        return curl_easy_init()
    }

    /// Keeps a finished handle for the next post to `origin`, within the pool's bounds.
    func checkIn(_ handle: UnsafeMutableRawPointer, for origin: String) {
        let idle = idleHandles[origin, default: []]
        guard idle.count < configuration.maxConcurrentTransfersPerHost,
              idleHandleCount < configuration.maxCachedConnections else {
            curl_easy_cleanup(handle)
            return
        }
        idleHandles[origin] = idle + [handle]
        idleHandleCount += 1
    }

    func releaseIdleHandles() {
        for handle in idleHandles.values.joined() { curl_easy_cleanup(handle) }
        idleHandles.removeAll()
        idleHandleCount = 0
    }

    /// Sets every option of one post; returns the first failure.
    ///
    /// Never set here: `CURLOPT_VERBOSE` (it prints the URL), `CURLOPT_FAILONERROR` (it drops the
    /// platform's error text), `CURLOPT_SSL_VERIFYPEER`/`VERIFYHOST` off.
    func configure(_ handle: UnsafeMutableRawPointer, for transfer: CurlTransfer) -> CURLcode {
        let request = transfer.request
        var headers: UnsafeMutablePointer<curl_slist>?
        for line in request.headerLines {
            guard let extended = curl_slist_append(headers, line) else {
                if let headers { curl_slist_free_all(headers) }
                return CURLE_OUT_OF_MEMORY
            }
            headers = extended
        }
        transfer.headerList = headers
        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        let steps: [() -> CURLcode] = [
            { pmo_curl_easy_setopt_string(handle, CURLOPT_URL, request.url) },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1) },
            { pmo_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https") },
            { pmo_curl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0) },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1) },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2) },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, WebhookClient.Configuration.milliseconds(self.configuration.connectTimeout)) },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, WebhookClient.Configuration.milliseconds(self.configuration.totalTimeout)) },
            { pmo_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, self.configuration.userAgent) },
            { pmo_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers) },
            { pmo_curl_easy_setopt_long(handle, CURLOPT_POST, 1) },
            { pmo_curl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)) },
            {
                // COPYPOSTFIELDS copies the bytes, so the body need not outlive this call.
                request.body.withUnsafeBytes { raw in
                    var empty: UInt8 = 0
                    let base = raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                    return withUnsafeMutablePointer(to: &empty) { fallback in
                        pmo_curl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, base ?? UnsafeMutableRawPointer(fallback))
                    }
                }
            },
            { pmo_curl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlTransferWriteCallback) },
            { pmo_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata) },
            {
                // An empty proxy string disables proxies, environment variables included.
                self.configuration.proxy == .disabled ? pmo_curl_easy_setopt_string(handle, CURLOPT_PROXY, "") : CURLE_OK
            },
        ]
        for step in steps {
            let code = step()
            if code != CURLE_OK { return code }
        }
        return CURLE_OK
    }

    /// True when the request line, headers and whole body had gone out.
    func requestSent(_ handle: UnsafeMutableRawPointer, transfer: CurlTransfer) -> Bool {
        var requestSize = 0
        var uploaded: curl_off_t = 0
        _ = pmo_curl_easy_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &requestSize)
        _ = pmo_curl_easy_getinfo_off_t(handle, CURLINFO_SIZE_UPLOAD_T, &uploaded)
        return requestSize > 0 && uploaded >= curl_off_t(transfer.request.body.count)
    }

    /// Reads status, timings and `Retry-After` from a finished handle and classifies the post.
    func makeResult(for transfer: CurlTransfer, handle: UnsafeMutableRawPointer, code: CURLcode) -> WebhookResult {
        var status = 0
        var headerRetryAfter: curl_off_t = 0
        var totalMicroseconds: curl_off_t = 0
        var connects = 0
        _ = pmo_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        _ = pmo_curl_easy_getinfo_off_t(handle, CURLINFO_RETRY_AFTER, &headerRetryAfter)
        _ = pmo_curl_easy_getinfo_off_t(handle, CURLINFO_TOTAL_TIME_T, &totalMicroseconds)
        _ = pmo_curl_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        let elapsed = Double(totalMicroseconds) / 1_000_000
        let sent = requestSent(handle, transfer: transfer)
        let body = WebhookRedaction.scrub(String(decoding: transfer.responseBody, as: UTF8.self), secretsOf: transfer.request.url)

        var retryAfter: TimeInterval?
        if code == CURLE_OK, status == 429 || status >= 500 {
            retryAfter = WebhookResult.retryAfter(fromJSONBody: body) ?? (headerRetryAfter > 0 ? TimeInterval(headerRetryAfter) : nil)
        }
        let classification = code == CURLE_OK
            ? WebhookClassification.classify(status: status, text: WebhookResult.platformText(from: body), retryAfter: retryAfter)
            : classify(error: code, transfer: transfer, requestSent: sent, elapsed: elapsed)
        return WebhookResult(destination: transfer.destination, status: status > 0 ? status : nil, body: body,
                             bodyTruncated: transfer.responseTruncated, retryAfter: retryAfter, classification: classification,
                             requestSent: code == CURLE_OK || sent, duration: elapsed, connectionsOpened: connects)
    }

    /// Classifies a libcurl error: URL problems are permanent, everything else is worth a retry.
    ///
    /// The detail is `curl_easy_strerror`'s fixed text; libcurl's error buffer is never read
    /// because it can contain the URL.
    func classify(error code: CURLcode, transfer: CurlTransfer, requestSent: Bool, elapsed: TimeInterval) -> WebhookClassification {
        let detail = String(cString: curl_easy_strerror(code)).lowercased()
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .retryable(.timedOut(afterSending: requestSent, seconds: (elapsed * 10).rounded() / 10))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .permanent(.invalidURL(detail: detail))
        default:
            return .retryable(.network(code: Int(code.rawValue), detail: detail, afterSending: requestSent))
        }
    }
}
