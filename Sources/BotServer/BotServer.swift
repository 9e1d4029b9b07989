import AcademyCore
import ChatBot
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// `pmo bot serve`'s HTTP side: slash commands from Slack and Mattermost, `/api/ask`, `/healthz`.
///
/// Built by one function that the command and the tests both call (``BotServer/buildApplication(_:dependencies:services:onRunning:)``).
public enum BotServer {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// Request bodies larger than this are refused with 413.
        public var bodyLimit: Int
        /// How far a Slack request's timestamp may be from now.
        public var signatureWindow: TimeInterval
        /// How long a slash command waits for its answer before acknowledging and replying through `response_url`
        /// (0: always acknowledge first). Slack and Mattermost give up after 3 s.
        public var inlineBudget: Duration

        public init(host: String = "127.0.0.1", port: Int = 8080, bodyLimit: Int = 64 * 1024, signatureWindow: TimeInterval = 300,
                    inlineBudget: Duration = .milliseconds(2000)) {
            self.host = host
            self.port = port
            self.bodyLimit = bodyLimit
            self.signatureWindow = signatureWindow
            self.inlineBudget = inlineBudget
        }
    }

    /// What the routes need.
    public struct Dependencies: Sendable {
        public var responder: BotResponder
        public var secrets: BotSecrets
        public var replies: ReplyQueue
        public var now: @Sendable () -> Date
        public var logger: Logger

        public init(responder: BotResponder, secrets: BotSecrets, replies: ReplyQueue, now: @escaping @Sendable () -> Date, logger: Logger) {
            self.responder = responder
            self.secrets = secrets
            self.replies = replies
            self.now = now
            self.logger = logger
        }
    }

    public static func buildApplication(_ configuration: Configuration, dependencies: Dependencies, services: [any Service] = [],
                                        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: buildRouter(configuration, dependencies: dependencies),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "pmo-bot"),
                    services: [dependencies.replies] + services,
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
                    logger: dependencies.logger)
    }

    public static func buildRouter(_ configuration: Configuration, dependencies: Dependencies) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: dependencies.logger))
        let routes = Routes(configuration: configuration, dependencies: dependencies)
        router.get("healthz") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.post("slack/commands") { request, _ in try await routes.slack(request) }
        router.post("mattermost/commands") { request, _ in try await routes.mattermost(request) }
        router.post("api/ask") { request, _ in try await routes.ask(request) }
        return router
    }
}

/// The route handlers.
struct Routes: Sendable {
    let configuration: BotServer.Configuration
    let dependencies: BotServer.Dependencies

    static let slackTimestamp = HTTPField.Name("X-Slack-Request-Timestamp")!
    static let slackSignature = HTTPField.Name("X-Slack-Signature")!

    func slack(_ request: Request) async throws -> Response {
        let body = try await collect(request)
        guard let secret = dependencies.secrets.slackSigningSecret else { return refuse("slack", reason: "no signing secret configured") }
        let verdict = SlackSignature(secret: secret, window: configuration.signatureWindow)
            .verify(body: body, timestamp: request.headers[Self.slackTimestamp], signature: request.headers[Self.slackSignature],
                    now: dependencies.now())
        guard verdict == .valid else { return refuse("slack", reason: "\(verdict)") }
        guard let command = SlashCommand(platform: .slack, form: FormFields(body)) else { return badRequest("user_id is missing") }
        return await respond(to: command)
    }

    func mattermost(_ request: Request) async throws -> Response {
        let body = try await collect(request)
        let form = FormFields(body)
        let header = request.headers[.authorization].flatMap { value -> String? in
            value.hasPrefix("Token ") ? String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces) : nil
        }
        guard let token = header ?? form["token"], !dependencies.secrets.mattermostTokens.isEmpty,
              ConstantTime.matchesAny(token, dependencies.secrets.mattermostTokens) else {
            return refuse("mattermost", reason: "bad or missing token")
        }
        guard let command = SlashCommand(platform: .mattermost, form: form) else { return badRequest("user_id is missing") }
        return await respond(to: command)
    }

    struct AskRequest: Decodable {
        var question: String
        var audience: String?
    }

    func ask(_ request: Request) async throws -> Response {
        let body = try await collect(request)
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let bearer, !dependencies.secrets.apiTokens.isEmpty, ConstantTime.matchesAny(bearer, dependencies.secrets.apiTokens) else {
            return refuse("api", reason: "bad or missing bearer token")
        }
        guard let ask = try? JSONDecoder().decode(AskRequest.self, from: Data(body)),
              !ask.question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return badRequest("expected JSON {\"question\": \"…\", \"audience\": \"public\" | \"internal\"}")
        }
        let audience: Classification
        switch ask.audience ?? "public" {
        case "public": audience = .public
        case "internal": audience = .internal
        default: return badRequest("audience must be public or internal; confidential content is answered only in private replies")
        }
        let result = dependencies.responder.engine.ask(ask.question, audience: audience)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(AnswerReport(result, passageLimit: dependencies.responder.passageLimit))
        return json(data)
    }

    /// Answers at once when the answer is ready within the inline budget; otherwise acknowledges and
    /// lets the reply queue post it to `response_url`.
    func respond(to command: SlashCommand) async -> Response {
        let responder = dependencies.responder
        let task = Task { try await responder.reply(to: command) }
        let budget = configuration.inlineBudget
        enum Outcome: Sendable { case ready(BotReply), failed, late }
        let outcome: Outcome
        if budget > .zero {
            outcome = await withTaskGroup(of: Outcome.self) { group in
                group.addTask { (try? await task.value).map(Outcome.ready) ?? .failed }
                group.addTask { try? await Task.sleep(for: budget); return .late }
                let first = await group.next() ?? .late
                group.cancelAll()
                return first
            }
        } else {
            outcome = .late
        }
        switch outcome {
        case .ready(let reply):
            let bodies = ReplyPayload.bodies(for: reply, platform: command.platform)
            if bodies.count == 1 || command.responseURL == nil {
                dependencies.logger.info("answered", metadata: ["platform": "\(command.platform.rawValue)", "private": "\(reply.isPrivate)"])
                return json(bodies.first ?? Data())
            }
            dependencies.replies.submit(command) { reply }
        case .failed:
            dependencies.replies.submit(command) { try await task.value }
        case .late:
            dependencies.replies.submit(command) { try await task.value }
        }
        return json(ReplyPayload.acknowledgement(platform: command.platform))
    }

    /// The body, at most `bodyLimit` bytes; larger bodies end the request with 413.
    func collect(_ request: Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.bodyLimit {
            throw HTTPError(.contentTooLarge)
        }
        do {
            let buffer = try await request.body.collect(upTo: configuration.bodyLimit)
            return Array(buffer.readableBytesView)
        } catch {
            throw HTTPError(.contentTooLarge)
        }
    }

    /// 401 with no detail; the reason goes to the log only.
    func refuse(_ route: String, reason: String) -> Response {
        dependencies.logger.warning("request refused", metadata: ["route": "\(route)", "reason": "\(reason)"])
        return Response(status: .unauthorized)
    }

    func badRequest(_ text: String) -> Response {
        Response(status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    func json(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// One structured log line per request: method, path (never a query string), status, milliseconds.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func log(_ status: Int) {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            logger.info("request", metadata: ["method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                                              "status": "\(status)", "ms": "\(String(format: "%.2f", ms))"])
        }
        do {
            let response = try await next(request, context)
            log(response.status.code)
            return response
        } catch let error as HTTPResponseError {
            log(error.status.code)
            throw error
        }
    }
}
