import AcademyCore
import AcademyStore
@testable import BotServer
import ChatBot
import Foundation
import TestSupport
import HTTPTypes
import Hummingbird
import Logging

/// The repository's root (TestSupport finds it).
let repositoryRoot = BinaryRunner.repositoryRoot

let shippedCatalog: Catalog = {
    let result = try! CatalogLoader.load(directory: repositoryRoot)
    precondition(result.errors.isEmpty)
    return result.catalog
}()

let shippedEngine = AnswerEngine(catalog: shippedCatalog)

/// Slack's documented signing example (api.slack.com, "Verifying requests from Slack").
enum SlackExample {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let timestamp = "1531420618"
    static let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    static let now = Date(timeIntervalSince1970: 1_531_420_618 + 30)
}

/// A bot server over a fresh in-memory store at a fixed time, with all three kinds of secret.
struct BotFixture {
    static let mattermostToken = "mm-token-123456"
    static let apiToken = "api-token-abcdef"

    let store: SQLiteStore
    let now: Date
    let app: any ApplicationProtocol
    let logs: LogCapture

    /// `inlineBudget` is generous by default so that a loaded test machine never turns an inline answer into a late one.
    init(now: Date = SlackExample.now, inlineBudget: Duration = .seconds(60), bodyLimit: Int = 64 * 1024) throws {
        let store = try SQLiteStore()
        self.store = store
        self.now = now
        let logs = LogCapture()
        self.logs = logs
        let logger = Logger(label: "test") { _ in logs.handler() }
        let clock: @Sendable () -> Date = { now }
        let responder = BotResponder(store: store, catalog: shippedCatalog, engine: shippedEngine, now: clock)
        let replies = ReplyQueue(client: WebhookClient(), store: store, logger: logger, now: clock)
        let secrets = BotSecrets(slackSigningSecret: SlackExample.secret, mattermostTokens: [Self.mattermostToken], apiTokens: [Self.apiToken])
        app = BotServer.buildApplication(.init(port: 0, bodyLimit: bodyLimit, inlineBudget: inlineBudget),
                                         dependencies: .init(responder: responder, secrets: secrets, replies: replies, now: clock, logger: logger))
    }

    /// A slash-command body in Slack's form encoding.
    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    func signedHeaders(_ body: String, timestamp: Date? = nil) -> HTTPFields {
        let ts = String(Int((timestamp ?? now).timeIntervalSince1970))
        let signature = SlackSignature(secret: SlackExample.secret).sign(body: Array(body.utf8), timestamp: ts)
        return [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Slack-Request-Timestamp")!: ts,
                HTTPField.Name("X-Slack-Signature")!: signature]
    }

    /// A roster person with a Slack and a Mattermost handle and one overdue assignment.
    @discardableResult
    func addPerson(login: String = "ana", slack: String = "U2CERLKJA", mattermost: String = "ana.m", clearance: Classification = .public) async throws -> Person {
        _ = try await store.enrolPerson(login: "admin", name: "Admin", at: now)
        var person = try await store.enrolPerson(login: login, name: "Ana Lima", at: now)
        person.chat = ["slack": slack, "mattermost": mattermost]
        person.clearance = clearance
        try await store.updatePerson(person)
        _ = try await store.assign(Assignment(personID: person.id, courseID: "risk", dueDate: now.addingTimeInterval(-2 * 86400),
                                              assignedBy: "admin", createdAt: now))
        return person
    }
}

/// Collects log lines, to check that no secret is ever logged.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    func handler() -> CaptureHandler { CaptureHandler(capture: self) }

    struct CaptureHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}
