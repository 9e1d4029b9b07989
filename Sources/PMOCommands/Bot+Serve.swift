import AcademyCore
import AcademyStore
import ArgumentParser
import BotServer
import ChatBot
import Foundation
import Logging
import ServiceLifecycle

extension PMO.Bot {
    /// `pmo bot serve`: slash commands, `/api/ask`, the reminder schedule and the outbox worker in one process.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the chat bot: answer slash commands, plan reminders daily, deliver the outbox.",
            discussion: """
            Routes: POST /slack/commands (Slack signature), POST /mattermost/commands (command token), \
            POST /api/ask (bearer token), GET /healthz. Secrets come from the environment \
            (\(BotSecrets.slackKey), \(BotSecrets.mattermostKey), \(BotSecrets.apiKey)) or from --secrets FILE, \
            a KEY=VALUE file only its owner may read. SIGTERM or Ctrl-C stops it gracefully: replies being \
            written are posted and claimed outbox messages finished. See docs/bot.md.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var delivery: DeliveryOptions
        @OptionGroup var tuning: AnswerOptions

        @Option(name: .long, help: ArgumentHelp("Port to listen on (0: any free port, printed at start).", valueName: "port"))
        var port = 8080

        @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "address"))
        var host = "127.0.0.1"

        @Option(name: .long, help: ArgumentHelp("A KEY=VALUE file of secrets, readable by its owner alone (chmod 600).", valueName: "file"))
        var secrets: String?

        @Option(name: .long, help: ArgumentHelp("Largest request body accepted, in KiB.", valueName: "KiB"))
        var bodyLimit = 64

        @Option(name: .long, help: ArgumentHelp("Seconds a slash command waits for its answer before replying later (0: always later).",
                                                valueName: "seconds"))
        var inlineBudget = 2.0

        @Option(name: .long, help: ArgumentHelp("Seconds between outbox drains.", valueName: "seconds"))
        var deliverEvery = 5.0

        @Flag(name: .long, help: "Do not plan reminders (answer questions and deliver only).")
        var noReminders = false

        @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
        var logLevel = "info"

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard bodyLimit >= 1 else { throw ValidationError("--body-limit must be at least 1 KiB") }
            guard inlineBudget >= 0, inlineBudget < 3 else {
                throw ValidationError("--inline-budget must be at least 0 and under 3 seconds (the platforms wait 3 s)")
            }
            guard deliverEvery > 0 else { throw ValidationError("--deliver-every must be a positive number of seconds") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
        }

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "run the chat bot")
            let secrets: BotSecrets
            do {
                secrets = try BotSecrets.load(environment: context.command.environment, file: self.secrets)
            } catch let error as BotSecretsError {
                throw ValidationError(error.description)
            }
            let catalog = try context.command.loadCatalog()
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "pmo-bot")
            let now = context.now
            let store = context.store
            let engine = AnswerEngine(catalog: catalog, configuration: tuning.configuration)
            let responder = BotResponder(store: store, catalog: catalog, engine: engine, now: now)
            let replies = ReplyQueue(client: context.makeClient(delivery), store: store, logger: logger, now: now)
            let deliveryWorker = context.makeDelivery(delivery)
            var services: [any Service] = [
                OutboxWorker(interval: .milliseconds(Int64(deliverEvery * 1000)), logger: logger, drain: { try await deliveryWorker.drain() }),
            ]
            if !noReminders {
                services.append(ReminderSchedule(store: store, now: now, logger: logger) { channels, at in
                    let input = try await BotReminderInputBuilder.build(store: store, catalog: catalog, now: at)
                    let reminders = ReminderPlanner().plan(input).reminders.filter { channels.contains($0.channel) }
                    return try await store.enqueue(reminders.map { $0.outboxMessage(at: at) })
                })
            }
            let configuration = BotServer.Configuration(host: host, port: port, bodyLimit: bodyLimit * 1024,
                                                        inlineBudget: .milliseconds(Int64(inlineBudget * 1000)))
            let dependencies = BotServer.Dependencies(responder: responder, secrets: secrets, replies: replies, now: now, logger: logger)
            try await context.store.audit(AuditEntry(at: now(), actor: context.actor.login, action: "bot-serve", detail: "\(host):\(port)"))
            let routes = [secrets.slackSigningSecret != nil ? "/slack/commands" : nil, secrets.mattermostTokens.isEmpty ? nil : "/mattermost/commands",
                          secrets.apiTokens.isEmpty ? nil : "/api/ask"].compactMap { $0 }
            let passages = engine.passages.count
            let host = self.host
            let app = BotServer.buildApplication(configuration, dependencies: dependencies, services: services) { bound in
                Output.print("pmo bot: listening on http://\(host):\(bound) — \(passages) passages indexed; "
                    + (routes.isEmpty ? "no secrets set, so only /healthz answers (see docs/bot.md)" : "routes " + routes.joined(separator: ", ")))
                fflush(nil)
            }
            try await app.runService()
            Output.print("pmo bot: stopped.")
        }
    }
}
