import CCurl
import Foundation
import TestSupport
import Testing

/// Collects the response body that libcurl hands to the write callback.
private final class BodyBox {
    var data = Data()
}

private let collectBody: pmo_curl_write_callback = { pointer, size, count, userdata in
    guard let pointer, let userdata else { return 0 }
    let box = Unmanaged<BodyBox>.fromOpaque(userdata).takeUnretainedValue()
    box.data.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
}

@Suite("CCurl")
struct CCurlSmokeTests {
    @Test("a real GET against a server on 127.0.0.1 returns its status and body")
    func realRequest() throws {
        let server = try TestHTTPServer { request in
            .init(status: request.path == "/hello" ? 201 : 404, headers: ["Content-Type": "text/plain"], body: "hello from \(request.method)")
        }
        defer { server.stop() }
        #expect(curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK)
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        let box = BodyBox()
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }

        #expect(pmo_curl_easy_setopt_string(handle, CURLOPT_URL, server.baseURL + "/hello") == CURLE_OK)
        #expect(pmo_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1) == CURLE_OK)
        #expect(pmo_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, 5000) == CURLE_OK)
        #expect(pmo_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK)
        #expect(pmo_curl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, collectBody) == CURLE_OK)
        #expect(pmo_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque()) == CURLE_OK)

        let result = curl_easy_perform(handle)
        #expect(result == CURLE_OK, "curl: \(String(cString: curl_easy_strerror(result)))")
        var status = 0
        #expect(pmo_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
        #expect(status == 201)
        #expect(String(decoding: box.data, as: UTF8.self) == "hello from GET")
        #expect(server.requests.count == 1)
    }

    @Test("a refused connection is reported as an error code, not a crash")
    func refusedConnection() throws {
        let server = try TestHTTPServer { _ in .init(status: 200) }
        let url = server.baseURL
        server.stop()
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        _ = pmo_curl_easy_setopt_string(handle, CURLOPT_URL, url)
        _ = pmo_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = pmo_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 2000)
        let result = curl_easy_perform(handle)
        #expect(result == CURLE_COULDNT_CONNECT)
    }
}
