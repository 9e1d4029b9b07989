import ChatBot
import Foundation
import TestSupport
import Testing

@Suite("WebhookClient: answers and their classification")
struct WebhookClientStatusTests {
    @Test("every 2xx is delivered: Slack's 200 ok, Teams' 202 empty, Discord's 204", arguments: [(200, "ok"), (202, ""), (204, "")])
    func successes(status: Int, body: String) async throws {
        let server = try TestHTTPServer { _ in .init(status: status, body: body) }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .delivered)
        #expect(result.isDelivered)
        #expect(result.status == status)
        #expect(result.body == body)
        #expect(result.retryAfter == nil)
        #expect(result.requestSent)
    }

    @Test("the request arrives as a POST with the JSON body and content type")
    func requestShape() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, body: "ok") }
        defer { server.stop() }
        let body = #"{"text":"héllo & <world>"}"#
        let result = await makeTestClient().send(.test(server.baseURL + "/services/T1/B2/x", body: body))
        #expect(result.isDelivered)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/services/T1/B2/x")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["expect"] == nil)
        #expect(String(decoding: request.body, as: UTF8.self) == body)
    }

    @Test("429 with Retry-After: 3 is retryable after 3 s")
    func rateLimitedWithHeader() async throws {
        let server = try TestHTTPServer { _ in .init(status: 429, headers: ["Retry-After": "3"], body: "rate_limited") }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .retryable(.rateLimited(retryAfter: 3)))
        #expect(result.retryAfter == 3)
        #expect(result.status == 429)
    }

    @Test("Discord's 429 JSON retry_after of 1.5 s wins over the rounded header")
    func rateLimitedDiscordJSON() async throws {
        let server = try TestHTTPServer { _ in
            .init(status: 429, headers: ["Content-Type": "application/json", "Retry-After": "2"],
                  body: #"{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}"#)
        }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/api/webhooks/1/abc"))
        #expect(result.retryAfter == 1.5)
        #expect(result.classification == .retryable(.rateLimited(retryAfter: 1.5)))
    }

    @Test("Discord's 429 JSON alone gives retry_after")
    func rateLimitedDiscordJSONOnly() async throws {
        let server = try TestHTTPServer { _ in .init(status: 429, body: #"{"retry_after": 1.5, "global": false}"#) }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.retryAfter == 1.5)
    }

    @Test("429 without a delay is retryable with no retryAfter")
    func rateLimitedBare() async throws {
        let server = try TestHTTPServer { _ in .init(status: 429) }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .retryable(.rateLimited(retryAfter: nil)))
        #expect(result.retryAfter == nil)
    }

    @Test("5xx is retryable and keeps the text", arguments: [500, 502, 503])
    func serverErrors(status: Int) async throws {
        let server = try TestHTTPServer { _ in .init(status: status, body: "upstream broke") }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .retryable(.serverError(status: status, text: "upstream broke")))
    }

    @Test("503 with Retry-After honours it")
    func serviceUnavailableRetryAfter() async throws {
        let server = try TestHTTPServer { _ in .init(status: 503, headers: ["Retry-After": "7"]) }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.retryAfter == 7)
        #expect(result.classification.name == "retryable")
    }

    @Test("Slack's 410 channel_is_archived is permanent and keeps the text")
    func archivedChannel() async throws {
        let server = try TestHTTPServer { _ in .init(status: 410, body: "channel_is_archived") }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .permanent(.rejected(status: 410, text: "channel_is_archived")))
        #expect(result.body == "channel_is_archived")
        #expect(result.failure?.errorDescription?.contains("channel_is_archived") == true)
        #expect(result.description.contains("channel_is_archived"))
    }

    @Test("other 4xx are permanent", arguments: [(400, "invalid_payload"), (403, "action_prohibited"), (404, "no_service")])
    func clientErrors(status: Int, text: String) async throws {
        let server = try TestHTTPServer { _ in .init(status: status, body: text) }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .permanent(.rejected(status: status, text: text)))
    }

    @Test("a JSON error keeps the platform's message and code")
    func jsonErrorText() async throws {
        let server = try TestHTTPServer { _ in
            .init(status: 400, headers: ["Content-Type": "application/json"],
                  body: #"{"message": "Invalid Form Body", "code": 50035, "errors": {"content": {}}}"#)
        }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .permanent(.rejected(status: 400, text: "Invalid Form Body (code 50035)")))
    }

    @Test("a long answer is capped at 4 KiB")
    func bodyCap() async throws {
        let long = String(repeating: "x", count: 10_000)
        let server = try TestHTTPServer { _ in .init(status: 400, body: long) }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.body.utf8.count == 4096)
        #expect(result.bodyTruncated)
        #expect((result.failure?.errorDescription?.count ?? 0) < 600)
    }

    @Test("a redirect is not followed and is permanent")
    func redirectNotFollowed() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/hook" ? .init(status: 302, headers: ["Location": "/elsewhere"]) : .init(status: 200, body: "ok")
        }
        defer { server.stop() }
        let result = await makeTestClient().send(.test(server.baseURL + "/hook"))
        #expect(result.classification == .permanent(.redirected(status: 302)))
        #expect(server.requests.map(\.path) == ["/hook"])
    }
}
