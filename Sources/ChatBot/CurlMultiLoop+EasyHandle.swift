import CCurl
import Foundation

extension CurlMultiLoop {
    /// An idle easy handle for `origin` (its options kept from its last post), or a new one.
    func checkOutHandle(for origin: String) -> UnsafeMutableRawPointer? {
        if let handle = idleHandles[origin]?.popLast() {
            if idleHandles[origin]?.isEmpty == true { idleHandles[origin] = nil }
            idleHandleCount -= 1
            return handle
        }
        return curl_easy_init()
    }

    /// Keeps a finished handle for the next post to `origin`, within the pool's bounds.
    func checkIn(_ handle: UnsafeMutableRawPointer, for origin: String) {
        guard idleHandles[origin, default: []].count < configuration.maxConcurrentTransfersPerHost,
              idleHandleCount < configuration.maxCachedConnections else {
            destroy(handle)
            return
        }
        idleHandles[origin, default: []].append(handle)
        idleHandleCount += 1
    }

    /// Frees an easy handle.
    func destroy(_ handle: UnsafeMutableRawPointer) {
        configuredHandles.remove(handle)
        curl_easy_cleanup(handle)
    }

    func releaseIdleHandles() {
        for handle in idleHandles.values.joined() { destroy(handle) }
        idleHandles.removeAll()
        idleHandleCount = 0
    }

    func releaseHeaderLists() {
        for list in headerLists.values { curl_slist_free_all(list) }
        headerLists.removeAll()
    }

    /// The header list of `request`: from the cache, or built (and cached while it holds few lists).
    ///
    /// Returns nil when libcurl could not allocate it; a list that is not cached is owned by
    /// `transfer` and freed with it.
    private func headerList(for transfer: CurlTransfer) -> UnsafeMutablePointer<curl_slist>? {
        let request = transfer.request
        if let cached = headerLists[request.headers] { return cached }
        var headers: UnsafeMutablePointer<curl_slist>?
        for line in request.headerLines {
            guard let extended = curl_slist_append(headers, line) else {
                if let headers { curl_slist_free_all(headers) }
                return nil
            }
            headers = extended
        }
        if headerLists.count < 16 {
            headerLists[request.headers] = headers
        } else {
            transfer.headerList = headers
        }
        return headers
    }

    /// Sets the options of one post; returns the first failure.
    ///
    /// The options that are the same for every post are set once per easy handle (a pooled handle
    /// keeps them; a handle whose set-up failed is reset and set up again). Never set here:
    /// `CURLOPT_VERBOSE` (it prints the URL), `CURLOPT_FAILONERROR` (it drops the platform's error
    /// text), `CURLOPT_SSL_VERIFYPEER`/`VERIFYHOST` off.
    func configure(_ handle: UnsafeMutableRawPointer, for transfer: CurlTransfer) -> CURLcode {
        if !configuredHandles.contains(handle) {
            curl_easy_reset(handle)
            let code = configureConstantOptions(handle)
            guard code == CURLE_OK else { return code }
            configuredHandles.insert(handle)
        }
        let code = configureRequest(handle, for: transfer)
        if code != CURLE_OK {
            // Leave nothing half set for the next post on this handle.
            configuredHandles.remove(handle)
        }
        return code
    }

    /// The options every post shares.
    private func configureConstantOptions(_ handle: UnsafeMutableRawPointer) -> CURLcode {
        var code = CURLE_OK
        func set(_ step: @autoclosure () -> CURLcode) {
            if code == CURLE_OK { code = step() }
        }
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(pmo_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(pmo_curl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, WebhookClient.Configuration.milliseconds(configuration.connectTimeout)))
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, WebhookClient.Configuration.milliseconds(configuration.totalTimeout)))
        set(pmo_curl_easy_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent))
        set(pmo_curl_easy_setopt_long(handle, CURLOPT_POST, 1))
        set(pmo_curl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlTransferWriteCallback))
        // An empty proxy string disables proxies, environment variables included.
        if configuration.proxy == .disabled { set(pmo_curl_easy_setopt_string(handle, CURLOPT_PROXY, "")) }
        return code
    }

    /// The options of this post: URL, headers, body and where the answer goes.
    private func configureRequest(_ handle: UnsafeMutableRawPointer, for transfer: CurlTransfer) -> CURLcode {
        let request = transfer.request
        guard let headers = headerList(for: transfer) else { return CURLE_OUT_OF_MEMORY }
        var code = pmo_curl_easy_setopt_string(handle, CURLOPT_URL, request.url)
        if code == CURLE_OK { code = pmo_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers) }
        if code == CURLE_OK { code = pmo_curl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)) }
        if code == CURLE_OK {
            // COPYPOSTFIELDS copies the bytes, so the body need not outlive this call.
            code = request.body.withUnsafeBytes { raw in
                var empty: UInt8 = 0
                let base = raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                return withUnsafeMutablePointer(to: &empty) { fallback in
                    pmo_curl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, base ?? UnsafeMutableRawPointer(fallback))
                }
            }
        }
        if code == CURLE_OK { code = pmo_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(transfer).toOpaque()) }
        return code
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
        let sent = code == CURLE_OK || requestSent(handle, transfer: transfer)
        let body = WebhookRedaction.scrub(String(decoding: transfer.responseBody, as: UTF8.self), secretsOf: transfer.request.url)

        var retryAfter: TimeInterval?
        if code == CURLE_OK, status == 429 || status >= 500 {
            retryAfter = WebhookResult.retryAfter(fromJSONBody: body) ?? (headerRetryAfter > 0 ? TimeInterval(headerRetryAfter) : nil)
        }
        let classification: WebhookClassification
        if code != CURLE_OK {
            classification = classify(error: code, transfer: transfer, requestSent: sent, elapsed: elapsed)
        } else if (200..<300).contains(status) {
            classification = .delivered  // the error text is not needed
        } else {
            classification = WebhookClassification.classify(status: status, text: WebhookResult.platformText(from: body), retryAfter: retryAfter)
        }
        return WebhookResult(destination: transfer.destination, status: status > 0 ? status : nil, body: body,
                             bodyTruncated: transfer.responseTruncated, retryAfter: retryAfter, classification: classification,
                             requestSent: sent, duration: elapsed, connectionsOpened: connects)
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
