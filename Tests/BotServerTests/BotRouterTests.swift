import AcademyCore
import AcademyStore
@testable import BotServer
import ChatBot
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Slack signature")
struct SlackSignatureTests {
    let signer = SlackSignature(secret: SlackExample.secret)

    @Test func slacksDocumentedExampleVerifies() {
        #expect(signer.sign(body: Array(SlackExample.body.utf8), timestamp: SlackExample.timestamp) == SlackExample.signature)
        #expect(signer.verify(body: Array(SlackExample.body.utf8), timestamp: SlackExample.timestamp, signature: SlackExample.signature,
                              now: SlackExample.now) == .valid)
    }

    @Test func staleOrFutureTimestampsAreRefused() {
        let body = Array(SlackExample.body.utf8)
        let late = Date(timeIntervalSince1970: 1_531_420_618 + 301)
        let early = Date(timeIntervalSince1970: 1_531_420_618 - 301)
        #expect(signer.verify(body: body, timestamp: SlackExample.timestamp, signature: SlackExample.signature, now: late) == .staleTimestamp)
        #expect(signer.verify(body: body, timestamp: SlackExample.timestamp, signature: SlackExample.signature, now: early) == .staleTimestamp)
        #expect(signer.verify(body: body, timestamp: "soon", signature: SlackExample.signature, now: SlackExample.now) == .staleTimestamp)
    }

    @Test func tamperedBodyOrSignatureIsRefused() {
        var body = Array(SlackExample.body.utf8)
        body[body.count - 1] ^= 1
        #expect(signer.verify(body: body, timestamp: SlackExample.timestamp, signature: SlackExample.signature, now: SlackExample.now) == .mismatch)
        let wrong = String(SlackExample.signature.dropLast()) + "0"
        #expect(signer.verify(body: Array(SlackExample.body.utf8), timestamp: SlackExample.timestamp, signature: wrong, now: SlackExample.now) == .mismatch)
        #expect(signer.verify(body: Array(SlackExample.body.utf8), timestamp: SlackExample.timestamp, signature: "v0=zz", now: SlackExample.now) == .mismatch)
        #expect(SlackSignature(secret: "other").verify(body: Array(SlackExample.body.utf8), timestamp: SlackExample.timestamp,
                                                       signature: SlackExample.signature, now: SlackExample.now) == .mismatch)
    }

    @Test func missingHeadersAreRefused() {
        #expect(signer.verify(body: [UInt8](), timestamp: nil, signature: SlackExample.signature, now: SlackExample.now) == .missingHeader)
        #expect(signer.verify(body: [UInt8](), timestamp: SlackExample.timestamp, signature: nil, now: SlackExample.now) == .missingHeader)
    }

    @Test func constantTimeComparison() {
        #expect(ConstantTime.equal("abc", "abc"))
        #expect(!ConstantTime.equal("abc", "abd"))
        #expect(!ConstantTime.equal("abc", "abcd"))
        #expect(!ConstantTime.equal("", "a"))
        #expect(ConstantTime.matchesAny("b", ["a", "b"]))
    }
}

@Suite("Bot router")
struct BotRouterTests {
    static let slackPath = "/slack/commands"
    static let contentType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func slacksDocumentedRequestIsAccepted() async throws {
        let fixture = try BotFixture()
        try await fixture.app.test(.router) { client in
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded",
                                       HTTPField.Name("X-Slack-Request-Timestamp")!: SlackExample.timestamp,
                                       HTTPField.Name("X-Slack-Signature")!: SlackExample.signature]
            try await client.execute(uri: Self.slackPath, method: .post, headers: headers, body: ByteBuffer(string: SlackExample.body)) { response in
                #expect(response.status == .ok)
                let object = try json(response)
                #expect(object["response_type"] as? String == "ephemeral")  // empty text: help, to the asker alone
                #expect(String(buffer: response.body).contains("What I can do"))
            }
        }
    }

    @Test func staleTamperedAndUnsignedSlackRequestsGet401WithNoDetail() async throws {
        let fixture = try BotFixture()
        try await fixture.app.test(.router) { client in
            let body = BotFixture.form([("user_id", "U1"), ("text", "help")])
            var stale = fixture.signedHeaders(body, timestamp: fixture.now.addingTimeInterval(-400))
            try await client.execute(uri: Self.slackPath, method: .post, headers: stale, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.readableBytes == 0)
            }
            let signed = fixture.signedHeaders(body)
            try await client.execute(uri: Self.slackPath, method: .post, headers: signed, body: ByteBuffer(string: body + "x")) { response in
                #expect(response.status == .unauthorized)
            }
            stale[HTTPField.Name("X-Slack-Signature")!] = nil
            try await client.execute(uri: Self.slackPath, method: .post, headers: Self.contentType, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: Self.slackPath, method: .post, headers: signed, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(!fixture.logs.text.contains(SlackExample.secret))
    }

    @Test func contentQuestionIsAnsweredInTheChannel() async throws {
        let fixture = try BotFixture()
        try await fixture.app.test(.router) { client in
            let body = BotFixture.form([("user_id", "U9"), ("channel_id", "C1"), ("channel_name", "general"), ("command", "/pmo"),
                                        ("text", "how do I write a risk so someone can act on it")])
            try await client.execute(uri: Self.slackPath, method: .post, headers: fixture.signedHeaders(body), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let object = try json(response)
                #expect(object["response_type"] as? String == "in_channel")
                #expect(String(buffer: response.body).contains("pmo learn risk --lesson"))
            }
        }
    }

    /// With no time to answer inline, the command is acknowledged and the answer follows through response_url.
    @Test func lateAnswersFollowThroughResponseURL() async throws {
        let receiver = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok") }
        defer { receiver.stop() }
        let fixture = try BotFixture(inlineBudget: .zero)
        try await fixture.app.test(.live) { client in
            let body = BotFixture.form([("user_id", "U9"), ("channel_id", "C1"), ("text", "what is a stakeholder register"),
                                        ("response_url", receiver.baseURL + "/commands/T1/42/secretpart")])
            try await client.execute(uri: Self.slackPath, method: .post, headers: fixture.signedHeaders(body), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Looking that up"))
            }
            var posted: TestHTTPServer.Request?
            for _ in 0..<400 where posted == nil {
                posted = receiver.requests.first { $0.path == "/commands/T1/42/secretpart" }
                if posted == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let text = String(decoding: try #require(posted).body, as: UTF8.self)
            #expect(text.contains("\"response_type\":\"in_channel\"") && text.contains("pmo learn stakeholders-communication"), "\(text)")
        }
        #expect(!fixture.logs.text.contains("secretpart"))
    }

    @Test func personalQuestionsAreAnsweredPrivatelyForTheAsker() async throws {
        let fixture = try BotFixture()
        try await fixture.addPerson()
        try await fixture.app.test(.router) { client in
            let body = BotFixture.form([("user_id", "U2CERLKJA"), ("channel_id", "C1"), ("text", "due")])
            try await client.execute(uri: Self.slackPath, method: .post, headers: fixture.signedHeaders(body), body: ByteBuffer(string: body)) { response in
                let object = try json(response)
                #expect(object["response_type"] as? String == "ephemeral")
                let text = String(buffer: response.body)
                #expect(text.contains("Risk and uncertainty"))
                #expect(text.contains("overdue"))
            }
            let stranger = BotFixture.form([("user_id", "UNKNOWN"), ("channel_id", "C1"), ("text", "progress")])
            try await client.execute(uri: Self.slackPath, method: .post, headers: fixture.signedHeaders(stranger), body: ByteBuffer(string: stranger)) { response in
                #expect(String(buffer: response.body).contains("I don't know you yet"))
                let object = try json(response)
                #expect(object["response_type"] as? String == "ephemeral")
            }
        }
    }

    @Test func mattermostTokenIsVerified() async throws {
        let fixture = try BotFixture()
        try await fixture.addPerson()
        try await fixture.app.test(.router) { client in
            let body = BotFixture.form([("user_id", "x1"), ("user_name", "ana.m"), ("channel_id", "ch"), ("text", "review")])
            var headers = Self.contentType
            headers[.authorization] = "Token \(BotFixture.mattermostToken)"
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("review"))
                let object = try json(response)
                #expect(object["response_type"] as? String == "ephemeral")
            }
            headers[.authorization] = "Token wrong"
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: Self.contentType, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
            }
            let withField = body + "&token=\(BotFixture.mattermostToken)"
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: Self.contentType, body: ByteBuffer(string: withField)) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(!fixture.logs.text.contains(BotFixture.mattermostToken))
    }

    @Test func apiAskNeedsTheBearerToken() async throws {
        let fixture = try BotFixture()
        try await fixture.app.test(.router) { client in
            let body = ByteBuffer(string: #"{"question": "what goes in a stakeholder register"}"#)
            try await client.execute(uri: "/api/ask", method: .post, headers: [.authorization: "Bearer \(BotFixture.apiToken)"], body: body) { response in
                #expect(response.status == .ok)
                let object = try json(response)
                #expect(object["answered"] as? Bool == true)
                let answer = try #require(object["answer"] as? [String: Any])
                #expect((answer["command"] as? String)?.hasPrefix("pmo learn ") == true)
            }
            try await client.execute(uri: "/api/ask", method: .post, headers: [.authorization: "Bearer nope"], body: body) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/ask", method: .post, body: body) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/ask", method: .post, headers: [.authorization: "Bearer \(BotFixture.apiToken)"],
                                     body: ByteBuffer(string: "not json")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/ask", method: .post, headers: [.authorization: "Bearer \(BotFixture.apiToken)"],
                                     body: ByteBuffer(string: #"{"question": "x", "audience": "confidential"}"#)) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(!fixture.logs.text.contains(BotFixture.apiToken))
    }

    @Test func oversizedBodiesUnknownRoutesAndHealth() async throws {
        let fixture = try BotFixture(bodyLimit: 1024)
        try await fixture.app.test(.router) { client in
            let big = String(repeating: "a", count: 2048)
            try await client.execute(uri: Self.slackPath, method: .post, headers: fixture.signedHeaders(big), body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/ask", method: .post, headers: [.authorization: "Bearer \(BotFixture.apiToken)"],
                                     body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
        }
    }

    /// A channel marked internal may quote internal content; confidential content never reaches a channel,
    /// but does reach a cleared person in a direct message.
    @Test func audienceFollowsTheChannelAndDirectMessages() async throws {
        let fixture = try BotFixture()
        try await fixture.addPerson(clearance: .confidential)
        try await fixture.store.saveChannel(ChannelRecord(name: "staff", url: "https://hooks.slack.com/services/T/B/x", format: nil, unitID: nil,
                                                          quietHours: nil, timezone: nil, createdAt: fixture.now, audience: .internal, chatID: "CSTAFF"))
        let responder = BotResponder(store: fixture.store, catalog: shippedCatalog, engine: shippedEngine, now: { fixture.now })
        func command(_ channel: String, _ name: String) -> SlashCommand {
            SlashCommand(platform: .slack, command: "/pmo", text: "q", userID: "U2CERLKJA", userName: "", channelID: channel,
                         channelName: name, responseURL: nil)
        }
        #expect(try await responder.audience(for: command("CSTAFF", "staff")) == (.internal, false))
        #expect(try await responder.audience(for: command("COTHER", "random")) == (.public, false))
        #expect(try await responder.audience(for: command("D123", "directmessage")) == (.confidential, true))
    }
}
