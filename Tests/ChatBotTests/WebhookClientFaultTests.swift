import ChatBot
import Foundation
import TestSupport
import Testing

@Suite("WebhookClient: timeouts, resets and unusable URLs")
struct WebhookClientFaultTests {
    @Test("an answer slower than the timeout is retryable and flagged as sent")
    func slowAnswer() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, body: "ok", delay: 1.5) }
        defer { server.stop() }
        let result = await makeTestClient(totalTimeout: .milliseconds(300)).send(.test(server.baseURL + "/hook"))
        // libcurl's own clock: wall time also counts waiting for a free thread of the test pool.
        #expect(result.duration < 1.2)
        guard case .retryable(.timedOut(let afterSending, _)) = result.classification else {
            Issue.record("expected a retryable timeout, got \(result.classification)")
            return
        }
        #expect(afterSending)
        #expect(result.timedOutAfterSending)
        #expect(result.requestSent)
        #expect(result.status == nil)
        #expect(server.requests.count == 1)
        #expect(result.failure?.errorDescription?.contains("may have posted") == true)
    }

    @Test("a connection reset is retryable")
    func reset() async throws {
        let server = try TestHTTPServer { _ in .reset() }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        guard case .retryable(.network(_, _, let afterSending)) = result.classification else {
            Issue.record("expected a retryable network error, got \(result.classification)")
            return
        }
        #expect(afterSending)
        #expect(!result.timedOutAfterSending)
    }

    @Test("a close without an answer is retryable")
    func emptyReply() async throws {
        let server = try TestHTTPServer { _ in .closeWithoutResponse() }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification.name == "retryable")
        #expect(result.failure?.mayHaveBeenDelivered == true)
    }

    @Test("a refused connection is retryable and not sent")
    func refused() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200) }
        let url = server.baseURL + "/hook"
        server.stop()
        let result = await makeTestClient().send(.test(url))
        guard case .retryable(.network(_, let detail, let afterSending)) = result.classification else {
            Issue.record("expected a retryable network error, got \(result.classification)")
            return
        }
        #expect(!afterSending)
        #expect(!result.requestSent)
        #expect(detail.contains("connect"))
    }

    @Test("URLs other than http and https are refused before any connection", arguments: [
        "ftp://127.0.0.1/hook", "file:///etc/passwd", "gopher://127.0.0.1:70/x", "not a url", "",
    ])
    func unusableURL(url: String) async {
        let result = await makeTestClient().send(.test(url))
        guard case .permanent(.invalidURL) = result.classification else {
            Issue.record("expected a permanent invalid url, got \(result.classification)")
            return
        }
        #expect(result.status == nil)
    }

    @Test("cancelling the task takes the post off the wire")
    func cancellation() async throws {
        // The answer would come after 30 s: the post is cancelled once the server has it, whatever the load.
        let server = try TestHTTPServer { _ in .init(status: 200, body: "ok", delay: 30) }
        defer { server.stop() }
        let client = makeTestClient(totalTimeout: .seconds(60))
        let task = Task { await client.send(.test(server.baseURL + "/hook")) }
        try await server.waitForRequests(1)
        task.cancel()
        let result = await task.value
        guard case .retryable(.cancelled) = result.classification else {
            Issue.record("expected cancelled, got \(result.classification)")
            return
        }
    }

    @Test("cancelling a batch resolves every post in it")
    func batchCancellation() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, body: "ok", delay: 30) }
        defer { server.stop() }
        let client = makeTestClient(totalTimeout: .seconds(60))
        let task = Task { await client.send((0..<3).map { _ in WebhookRequest.test(server.baseURL + "/hook") }) }
        try await server.waitForRequests(1)
        task.cancel()
        let results = await task.value
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0.classification.name == "retryable" && $0.failure?.errorDescription?.contains("cancelled") == true })
    }

    @Test("a task cancelled before sending never connects")
    func cancelledBeforeSending() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, body: "ok") }
        defer { server.stop() }
        let client = makeTestClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await client.send(.test(server.baseURL + "/hook"))
        }
        let result = await task.value
        #expect(result.classification == .retryable(.cancelled(afterSending: false)))
        #expect(server.requests.isEmpty)
    }

    @Test("shutting the client down resolves posts still running")
    func shutdown() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, body: "ok", delay: 30) }
        defer { server.stop() }
        let client = makeTestClient(totalTimeout: .seconds(60))
        async let result = client.send(.test(server.baseURL + "/hook"))
        try await server.waitForRequests(1)
        client.shutdown()
        let value = await result
        #expect(value.classification.name == "retryable")
        let after = await client.send(.test(server.baseURL + "/hook"))
        #expect(after.classification == .retryable(.cancelled(afterSending: false)))
    }
}
