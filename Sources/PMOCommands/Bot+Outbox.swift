import AcademyCore
import AcademyStore
import ArgumentParser
import ChatBot
import Foundation
import TerminalUI

extension PMO.Bot {
    /// `pmo bot outbox`: what waits, what failed.
    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outbox",
            abstract: "Show the outbox: messages waiting to be posted, or with --dead the ones that gave up, with their last error.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Show dead letters (failed permanently or too often) with their last error.")
        var dead = false

        @Flag(name: .long, help: "Show every message, delivered ones included.")
        var all = false

        @Option(name: .long, help: "How many messages (newest first).")
        var limit = 50

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        struct Row: Codable {
            var id: Int64
            var channel: String
            var kind: String
            var subject: String
            var period: String
            var title: String
            var status: String
            var attempts: Int
            var nextAttemptAt: Date
            var deliveredAt: Date?
            var lastError: String?
        }

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "read the chat outbox")
            let status: OutboxMessage.Status? = dead ? .dead : all ? nil : .pending
            let messages = try await context.store.outbox(status: status, limit: max(1, limit))
            let rows = messages.map(Self.row)
            if json { Output.print(try JSONOutput.encode(rows)); return }
            if rows.isEmpty {
                Output.print(context.command.style.dim(dead ? "No dead letters." : all ? "The outbox is empty." : "Nothing waits in the outbox."))
                return
            }
            var table = Table(headers: ["Id", "Channel", "Kind", "Subject", "Status", "Tries", "When", "Title"],
                              alignments: [.right, .left, .left, .left, .left, .right, .left, .left])
            for row in rows {
                let when = row.deliveredAt ?? row.nextAttemptAt
                table.append(["\(row.id)", row.channel, row.kind, row.subject + (row.period.isEmpty ? "" : " " + row.period), row.status,
                              "\(row.attempts)", when.ISO8601Format(), row.title])
            }
            Output.print(table.render(style: context.command.style, width: context.command.terminalWidth))
            let errors = rows.filter { $0.lastError != nil && $0.status != "delivered" }
            if !errors.isEmpty {
                Output.print("")
                for row in errors { Output.print("\(row.id): \(row.lastError ?? "")") }
            }
            if dead { Output.print(context.command.style.dim("Fix the channel, then queue a message again with 'pmo bot retry ID'.")) }
        }

        /// A row of the listing; kind, subject and period come from the idempotency key.
        static func row(_ message: OutboxMessage) -> Row {
            let key = message.idempotencyKey.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            let title = (try? OutboxPayload.decode(message.payload).message.title) ?? "?"
            return Row(id: message.id ?? -1, channel: message.channel, kind: key.count > 1 ? key[1] : "?", subject: key.count > 2 ? key[2] : "",
                       period: key.count > 3 ? key[3] : "", title: title, status: message.status.rawValue, attempts: message.attempts,
                       nextAttemptAt: message.nextAttemptAt, deliveredAt: message.deliveredAt, lastError: message.lastError)
        }
    }

    /// `pmo bot retry`: give dead letters another try.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Queue dead letters again, due now (one more attempt each), then run 'pmo bot deliver'.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Outbox message ids (see 'pmo bot outbox --dead').")
        var ids: [Int64]

        func validate() throws {
            if ids.isEmpty { throw ValidationError("give at least one outbox message id") }
        }

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "retry chat messages")
            for id in ids {
                guard try await context.store.requeue(id: id, at: context.now()) else { throw BotError.notDead(id) }
                try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "bot-retry", detail: "\(id)"))
                Output.print("Queued message \(id) again; 'pmo bot deliver' posts it.")
            }
        }
    }

    /// `pmo bot deliver`: post what is due, then exit.
    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver",
            abstract: "Post every message that is due now, then exit with a summary (run it from cron or a timer).",
            discussion: """
            Each message is marked delivered within milliseconds of its platform accepting it (a group commit of \
            the posts answered meanwhile), so a killed run loses nothing and posts nothing twice that it had \
            recorded, except a message whose post had gone out when the run died (see docs/chat.md). Retries, \
            quiet hours and a platform's Retry-After wait for a later run. Ctrl-C stops it tidily: the posts made \
            are recorded, the messages not posted are released for the next run, and it exits with status 130.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var delivery: DeliveryOptions

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "deliver chat messages")
            let report = try await context.drain(delivery)
            Output.print(report.summary)
        }
    }
}
