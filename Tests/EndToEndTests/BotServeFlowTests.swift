import Crypto
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `pmo bot serve` as it runs for real: started on a free port, asked with `curl`, answering through a
/// webhook receiver started here, stopped with SIGTERM.
@Suite("Chat bot server, through the binary", .serialized)
struct BotServeFlowTests {
    static let signingSecret = "e2eSIGNINGsecret0123456789abcdef"
    static let apiToken = "e2eAPItoken-987654321"
    static let mattermostToken = "e2eMMtoken-555"

    /// `curl` with the given arguments; standard output and the HTTP status (written last by -w).
    func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "--noproxy", "*", "-w", "\n%{http_code}"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        let status = Int(lines.removeLast()) ?? 0
        return (status, lines.joined(separator: "\n").trimmingCharacters(in: .newlines))
    }

    func signed(_ body: String, secret: String = signingSecret, timestamp: Int = Int(Date().timeIntervalSince1970)) -> [String] {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("v0:\(timestamp):\(body)".utf8), using: key)
        let signature = "v0=" + mac.map { String(format: "%02x", $0) }.joined()
        return ["-H", "X-Slack-Request-Timestamp: \(timestamp)", "-H", "X-Slack-Signature: \(signature)", "--data-binary", body]
    }

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    /// Waits up to `timeout` seconds for the receiver to have a request matching `predicate`.
    func awaitRequest(_ server: TestHTTPServer, timeout: TimeInterval = 20, _ predicate: (TestHTTPServer.Request) -> Bool) -> TestHTTPServer.Request? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = server.requests.first(where: predicate) { return found }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    @Test("slash commands answered through response_url, /api/ask, 401s, graceful SIGTERM, no secret in output")
    func serve() throws {
        let fixture = try LearnerFixture()
        var environment = fixture.environment()
        environment["PMO_CONTENT"] = BinaryRunner.repositoryRoot.path
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        func run(_ arguments: [String]) throws -> BinaryRunner.Result {
            try BinaryRunner.run(arguments, environment: environment, currentDirectory: fixture.root)
        }
        let receiver = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok") }
        defer { receiver.stop() }

        #expect(try run(["progress"]).status == 0)  // e2e administers the fresh database
        let roster = fixture.root.appendingPathComponent("roster.csv")
        try "id,name,unit,slack,mattermost\nada,Ada Lovelace,Org/PMO,U0ADA1234,ada.l\n".write(to: roster, atomically: true, encoding: .utf8)
        #expect(try run(["people", "import", roster.path]).status == 0)
        let assigned = try run(["assign", "risk", "--person", "ada", "--due", "2026-01-10"])
        #expect(assigned.status == 0, "\(assigned.stderr)")
        let channelURL = receiver.baseURL + "/services/T0E2E/B0E2E/webhookSECRET42"
        #expect(try run(["bot", "channel", "add", "general", "--url", channelURL, "--format", "slack", "--chat-id", "C0GENERAL",
                                  "--remind-at", "00:00"]).status == 0)

        let secretsFile = fixture.root.appendingPathComponent("bot.env")
        try "# bot secrets\nPMO_SLACK_SIGNING_SECRET=\(Self.signingSecret)\nPMO_MATTERMOST_TOKEN=\(Self.mattermostToken)\n"
            .write(to: secretsFile, atomically: true, encoding: .utf8)
        chmod(secretsFile.path, 0o644)
        let open = try run(["bot", "serve", "--port", "0", "--secrets", secretsFile.path])
        #expect(open.status != 0 && open.stderr.contains("chmod 600"), "\(open.stderr)")
        #expect(!open.stderr.contains(Self.signingSecret))
        chmod(secretsFile.path, 0o600)

        var serveEnvironment = environment
        serveEnvironment["PMO_BOT_API_TOKEN"] = Self.apiToken
        let server = try BackgroundBinary(["bot", "serve", "--port", "0", "--secrets", secretsFile.path, "--inline-budget", "0",
                                           "--deliver-every", "0.5"],
                                          environment: serveEnvironment, currentDirectory: fixture.root)
        let port = try #require(server.waitForOutput(#"listening on http://127\.0\.0\.1:(\d+)"#), "\(server.stdout)\n\(server.stderr)")
        let base = "http://127.0.0.1:\(port)"

        #expect(try curl([base + "/healthz"]) == (200, "ok"))

        // A content question in a channel: acknowledged at once, answered through response_url.
        let question = Self.form([("user_id", "U0STRANGER"), ("user_name", "sam"), ("channel_id", "C0GENERAL"), ("channel_name", "general"),
                                  ("command", "/pmo"), ("text", "how should I word a risk so someone can act on it"),
                                  ("response_url", receiver.baseURL + "/response/question")])
        let ack = try curl([base + "/slack/commands"] + signed(question))
        #expect(ack.status == 200 && ack.body.contains("Looking that up"), "\(ack)")
        let answer = try #require(awaitRequest(receiver) { $0.path == "/response/question" })
        let answerText = String(decoding: answer.body, as: UTF8.self)
        #expect(answerText.contains("\"response_type\":\"in_channel\""), "\(answerText)")
        #expect(answerText.contains("pmo learn risk --lesson"), "\(answerText)")

        // A personal question from a roster person: answered to them alone.
        let due = Self.form([("user_id", "U0ADA1234"), ("channel_id", "C0GENERAL"), ("command", "/pmo"), ("text", "due"),
                             ("response_url", receiver.baseURL + "/response/due")])
        #expect(try curl([base + "/slack/commands"] + signed(due)).status == 200)
        let dueReply = try #require(awaitRequest(receiver) { $0.path == "/response/due" })
        let dueText = String(decoding: dueReply.body, as: UTF8.self)
        #expect(dueText.contains("\"response_type\":\"ephemeral\"") && dueText.contains("Risk and uncertainty") && dueText.contains("overdue"),
                "\(dueText)")

        // Mattermost, by token.
        let mm = Self.form([("user_id", "mm1"), ("user_name", "ada.l"), ("channel_id", "town"), ("text", "progress"),
                            ("response_url", receiver.baseURL + "/response/mm")])
        #expect(try curl([base + "/mattermost/commands", "-H", "Authorization: Token \(Self.mattermostToken)", "--data-binary", mm]).status == 200)
        #expect(awaitRequest(receiver) { $0.path == "/response/mm" } != nil)

        // Refusals: a bad signature, a stale one, a wrong token, no bearer; unknown routes; a body over the limit.
        #expect(try curl([base + "/slack/commands"] + signed(question, secret: "wrong")).status == 401)
        #expect(try curl([base + "/slack/commands"] + signed(question, timestamp: Int(Date().timeIntervalSince1970) - 600)).status == 401)
        #expect(try curl([base + "/mattermost/commands", "-H", "Authorization: Token nope", "--data-binary", mm]).status == 401)
        #expect(try curl([base + "/api/ask", "--data-binary", #"{"question":"raci"}"#]).status == 401)
        #expect(try curl([base + "/nowhere"]).status == 404)
        let big = String(repeating: "x", count: 70 * 1024)
        #expect(try curl([base + "/slack/commands"] + signed(big)).status == 413)

        // The API, with the bearer token.
        let api = try curl([base + "/api/ask", "-H", "Authorization: Bearer \(Self.apiToken)", "-H", "Content-Type: application/json",
                            "--data-binary", #"{"question": "what is the critical path"}"#])
        #expect(api.status == 200 && api.body.contains("\"answered\":true") && api.body.contains("pmo learn"), "\(api)")

        // The reminder schedule and the outbox worker run in the same process: the channel's reminders
        // (its time, 00:00, has passed today) are planned and posted to its webhook, once.
        let reminder = awaitRequest(receiver) { $0.path.hasPrefix("/services/") && String(decoding: $0.body, as: UTF8.self).contains("<@U0ADA1234>") }
        #expect(reminder != nil, "\(server.stderr)")

        #expect(server.stop(signal: SIGTERM) == 0, "\(server.stderr)")
        let reminderPosts = receiver.requests.filter { $0.path.hasPrefix("/services/") && String(decoding: $0.body, as: UTF8.self).contains("<@U0ADA1234>") }
        #expect(reminderPosts.count == 1)
        #expect(server.stdout.contains("pmo bot: stopped."))
        let everything = server.stdout + server.stderr + open.stdout + open.stderr
        for secret in [Self.signingSecret, Self.apiToken, Self.mattermostToken, "webhookSECRET42", "/response/"] {
            #expect(!everything.contains(secret), "'\(secret)' appeared in the output")
        }
        #expect(server.stderr.contains("path=/slack/commands") && server.stderr.contains("status=401"), "structured request logs")
    }
}
