import ChatBot
import Foundation
import TestSupport
import Testing

@Suite("WebhookClient: posts in order, each after the previous answer")
struct WebhookClientSequenceTests {
    @Test("all posts go out in order over one kept-alive connection; delivered runs once per post, in order")
    func inOrder() async throws {
        let server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok") }
        defer { server.stop() }
        let seen = LogCollector()
        let requests = (0..<30).map { WebhookRequest.test(server.baseURL + "/hook", body: #"{"n":\#($0)}"#) }
        let results = await makeTestClient().sendInOrder(requests, delivered: { index, result in
            seen.sink("\(index) \(result.isDelivered)")
        })
        #expect(results.count == 30 && results.allSatisfy { $0.isDelivered })
        #expect(server.requests.map { String(decoding: $0.body, as: UTF8.self) } == (0..<30).map { #"{"n":\#($0)}"# })
        #expect(seen.lines == (0..<30).map { "\($0) true" })
        #expect(server.connectionCount == 1)
    }

    @Test("the first post that is not delivered ends the sequence; later posts are never sent")
    func stopsAtFailure() async throws {
        let server = try TestHTTPServer(keepAlive: true) { request in
            String(decoding: request.body, as: UTF8.self).contains(#""n":3"#) ? .init(status: 503, body: "busy") : .init(status: 200, body: "ok")
        }
        defer { server.stop() }
        let seen = LogCollector()
        let requests = (0..<8).map { WebhookRequest.test(server.baseURL + "/hook", body: #"{"n":\#($0)}"#) }
        let results = await makeTestClient().sendInOrder(requests, delivered: { index, _ in seen.sink("\(index)") })
        #expect(results.count == 4)
        #expect(results.prefix(3).allSatisfy { $0.isDelivered })
        #expect(results.last?.status == 503 && results.last?.isDelivered == false)
        #expect(server.requests.count == 4)
        #expect(seen.lines == ["0", "1", "2"])
    }

    @Test("proceed is asked before each later post; false stops the sequence without a result")
    func proceedStops() async throws {
        let server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 204) }
        defer { server.stop() }
        let asked = LogCollector()
        let requests = (0..<6).map { WebhookRequest.test(server.baseURL + "/hook", body: #"{"n":\#($0)}"#) }
        let results = await makeTestClient().sendInOrder(requests, proceed: {
            asked.sink("asked")
            return asked.lines.count < 3
        })
        #expect(results.count == 3 && results.allSatisfy { $0.isDelivered })
        #expect(server.requests.count == 3)
        #expect(asked.lines.count == 3)
    }

    @Test("an invalid URL in the middle ends the sequence there as permanent")
    func invalidURL() async throws {
        let server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok") }
        defer { server.stop() }
        let requests = [WebhookRequest.test(server.baseURL + "/a"), WebhookRequest.test("ftp://example.com/x"), WebhookRequest.test(server.baseURL + "/c")]
        let results = await makeTestClient().sendInOrder(requests)
        #expect(results.count == 2)
        #expect(results[0].isDelivered)
        if case .permanent(.invalidURL) = results[1].classification {} else { Issue.record("\(results[1])") }
        #expect(server.requests.count == 1)
    }

    @Test("cancelling the caller cancels the post on the wire and the rest")
    func cancellation() async throws {
        let server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok", delay: 30) }
        defer { server.stop() }
        let requests = (0..<5).map { WebhookRequest.test(server.baseURL + "/hook", body: #"{"n":\#($0)}"#) }
        let client = makeTestClient(totalTimeout: .seconds(60))
        let task = Task { await client.sendInOrder(requests) }
        try await server.waitForRequests(1)
        task.cancel()
        let results = await task.value
        #expect(results.count == 1)
        if case .retryable(.cancelled) = results[0].classification {} else { Issue.record("\(results[0])") }
        #expect(server.requests.count <= 1)
    }
}
