import ChatBot
import Foundation
import TestSupport
import Testing

@Suite("Webhook secrets never leave the client")
struct WebhookSecretTests {
    static let secrets = ["T0SECRET1", "B0SECRET2", "XyZsecretTOKEN123456", "SIGsecret987", "KEYsecret654"]
    static let secretPath = "/services/T0SECRET1/B0SECRET2/XyZsecretTOKEN123456?sig=SIGsecret987&api_key=KEYsecret654"

    private func expectNoSecret(_ text: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in Self.secrets {
            #expect(!text.contains(secret), "\(comment?.rawValue ?? "") leaked \(secret): \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test("redacted keeps scheme and host only", arguments: [
        ("https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com/…"),
        ("https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=SECRET", "https://prod-01.westus.logic.azure.com:443/…"),
        ("https://discord.com/api/webhooks/123/token", "https://discord.com/…"),
        ("https://user:password@example.com/hook", "https://example.com/…"),
        ("https://example.com", "https://example.com"),
        ("HTTPS://Example.COM/", "https://example.com"),
        ("not a url", "<invalid url>"),
        ("https://chat.googleapis.com/v1/spaces/AAA/messages?key=K&token=T", "https://chat.googleapis.com/…"),
    ])
    func redacted(url: String, expected: String) {
        #expect(WebhookRedaction.redacted(url) == expected)
    }

    @Test("a request prints redacted")
    func requestDescription() {
        let request = WebhookRequest.test("https://hooks.slack.com" + Self.secretPath)
        expectNoSecret("\(request)")
        expectNoSecret(String(reflecting: request))
        var dumped = ""
        dump(request, to: &dumped)
        expectNoSecret(dumped)
    }

    @Test("an answer echoing the URL is scrubbed from body, description, error and log")
    func echoedSecret() async throws {
        let server = try TestHTTPServer { request in
            .init(status: 400, body: "bad request for \(request.path) — full url http://127.0.0.1\(request.path)")
        }
        defer { server.stop() }
        let log = LogCollector()
        let result = await makeTestClient(log: log.sink).send(.test(server.baseURL + Self.secretPath))
        #expect(result.classification.name == "permanent")
        expectNoSecret(result.body, "body")
        expectNoSecret(result.description, "description")
        expectNoSecret(result.destination, "destination")
        expectNoSecret(result.failure?.errorDescription ?? "", "error")
        expectNoSecret(String(describing: result), "string")
        #expect(!log.lines.isEmpty)
        for line in log.lines { expectNoSecret(line, "log") }
    }

    @Test("network failures and timeouts carry no secret")
    func failuresCarryNoSecret() async throws {
        let slow = try TestHTTPServer { _ in .init(status: 200, delay: 1) }
        defer { slow.stop() }
        let refused = try TestHTTPServer { _ in .init(status: 200) }
        let refusedURL = refused.baseURL + Self.secretPath
        refused.stop()
        let log = LogCollector()
        let client = makeTestClient(totalTimeout: .milliseconds(200), log: log.sink)
        let results = [
            await client.send(.test(slow.baseURL + Self.secretPath)),
            await client.send(.test(refusedURL)),
            await client.send(.test("ftp://127.0.0.1" + Self.secretPath)),
            await client.send(.test("https://hooks.slack.com:99999" + Self.secretPath)),
        ]
        for result in results {
            #expect(!result.isDelivered)
            expectNoSecret(result.description)
            expectNoSecret(result.failure?.errorDescription ?? "")
            expectNoSecret(result.failure?.localizedDescription ?? "")
        }
        for line in log.lines { expectNoSecret(line, "log") }
    }

    @Test("scrub masks path tokens and query values, plain and percent-decoded")
    func scrub() {
        let url = "https://example.com/hooks/abc123def456ghi789?api_key=s%2Fcret&topic=x"
        let text = "got /hooks/abc123def456ghi789 and abc123def456ghi789 and s/cret and s%2Fcret"
        let scrubbed = WebhookRedaction.scrub(text, secretsOf: url)
        #expect(!scrubbed.contains("abc123def456ghi789"))
        #expect(!scrubbed.contains("s/cret"))
        #expect(!scrubbed.contains("s%2Fcret"))
        #expect(scrubbed.contains("got"))
    }
}
