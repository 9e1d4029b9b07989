import AcademyCore
import AcademyStore
import ArgumentParser
import BotServer
import ChatBot
import Foundation
import TerminalUI

extension PMO.Bot {
    /// `pmo bot channel …`: the chat webhooks reminders go to.
    struct Channel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "channel",
            abstract: "Add, list, remove and test chat channels (incoming webhooks).",
            subcommands: [Add.self, List.self, Remove.self, Test.self]
        )
    }
}

extension PMO.Bot.Channel {
    /// `pmo bot channel add`: store a webhook under a name.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a channel, or change one: its webhook URL, format, unit, quiet hours and time zone.",
            discussion: """
            The URL is a secret: it is stored and never shown again ('pmo bot channel list' masks it). Pass \
            --url - to read it from standard input, so it stays out of the shell history. Reminders for people \
            of --unit (and the units below it) go to this channel; a channel without --unit serves everyone \
            whose units have none. During --quiet-hours (in --timezone, default UTC) messages wait. \
            'pmo bot serve' plans the channel's reminders daily at --remind-at (default 09:00, in --timezone). \
            For answers to slash commands: --chat-id is the platform's id of the channel (Slack C0123…), and \
            --internal lets answers there quote internal content (never confidential).
            """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The channel's name, e.g. pmo-team.")
        var name: String

        @Option(name: .long, help: ArgumentHelp("The incoming-webhook URL, or - to read it from standard input.", valueName: "url"))
        var url: String

        @Option(name: .long, help: ArgumentHelp("slack, mattermost, teams, discord, google-chat or generic (default: from the URL).",
                                                valueName: "format"))
        var format: String?

        @Option(name: .long, help: ArgumentHelp("The unit it serves (see 'pmo units').", valueName: "code"))
        var unit: String?

        @Option(name: .long, help: ArgumentHelp("When nothing is posted, e.g. 20:00-08:00.", valueName: "HH:MM-HH:MM"))
        var quietHours: String?

        @Option(name: .long, help: ArgumentHelp("Time zone of quiet hours and reminder days, e.g. Europe/Berlin.", valueName: "zone"))
        var timezone: String?

        @Option(name: .long, help: ArgumentHelp("The platform's id of the channel, for slash commands asked in it.", valueName: "id"))
        var chatID: String?

        @Flag(name: .long, help: "Staff only: answers posted here may quote internal content.")
        var `internal` = false

        @Option(name: .long, help: ArgumentHelp("Local time at which 'pmo bot serve' plans reminders (default 09:00).", valueName: "HH:MM"))
        var remindAt: String?

        func validate() throws {
            if let remindAt, ReminderSchedule.minute(of: remindAt) == nil { throw BotError.invalidRemindAt(remindAt) }
            guard name.count <= 64, !name.isEmpty,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }) else {
                throw BotError.invalidChannelName(name)
            }
            if let format, ChatPlatform(rawValue: format) == nil { throw BotError.unknownFormat(format) }
            if let quietHours, QuietHours(quietHours) == nil { throw BotError.invalidQuietHours(quietHours) }
            if let timezone, TimeZone(identifier: timezone) == nil { throw BotError.unknownTimeZone(timezone) }
        }

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "manage chat channels")
            var webhook = url
            if webhook == "-" {
                webhook = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
                guard !webhook.isEmpty else { throw BotError.emptyURL }
            }
            guard Self.isWebhookURL(webhook) else { throw BotError.invalidURL }
            var unitID: Int64?
            var unitName: String?
            if let unit {
                let units = try await context.store.units()
                guard let match = units.first(where: { $0.code == unit }) else {
                    throw PMOError.unknown(kind: "unit", id: unit, suggestions: Identifier.suggestions(for: unit, in: units.map(\.code)))
                }
                unitID = match.id
                unitName = match.name
            }
            let existed = try await context.store.channels().contains { $0.name == name }
            let record = ChannelRecord(name: name, url: webhook, format: format, unitID: unitID, quietHours: quietHours.flatMap(QuietHours.init)?.description,
                                       timezone: timezone, createdAt: context.now(), audience: `internal` ? .internal : .public,
                                       chatID: chatID, remindAt: remindAt)
            try await context.store.saveChannel(record)
            try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login,
                                                     action: existed ? "bot-channel-change" : "bot-channel-add", detail: name))
            let channel = DeliveryChannel(record: record)
            var details = ["\(channel.platform.rawValue)", "posting to \(WebhookRedaction.redacted(webhook))"]
            if let unitName { details.append("unit \(unitName)") }
            if let quiet = channel.quietHours { details.append("quiet hours \(quiet) \(timezone ?? "UTC")") }
            if `internal` { details.append("internal") }
            Output.print("\(existed ? "Changed" : "Added") channel '\(name)' (\(details.joined(separator: "; "))). "
                + "Try it with 'pmo bot channel test \(name)'.")
        }

        /// True for an http or https URL with a host; the URL itself is never echoed.
        static func isWebhookURL(_ text: String) -> Bool {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return false }
            return !text.contains(where: { $0.isWhitespace })
        }
    }

    /// `pmo bot channel list`: channels with their URLs masked.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the channels; webhook URLs are masked.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        struct Row: Codable {
            var name: String
            var format: String
            var url: String
            var unit: String?
            var quietHours: String?
            var timezone: String?
            var audience: String
            var chatID: String?
            var remindAt: String
        }

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "manage chat channels")
            let units = try await context.store.units()
            let rows = try await context.store.channels().map { record in
                let channel = DeliveryChannel(record: record)
                return Row(name: record.name, format: channel.platform.rawValue + (record.format == nil ? "" : " (set)"),
                           url: WebhookRedaction.redacted(record.url), unit: units.first { $0.id == record.unitID }?.code,
                           quietHours: record.quietHours, timezone: record.timezone, audience: record.audience.rawValue,
                           chatID: record.chatID, remindAt: record.remindAt ?? "09:00")
            }
            if json { Output.print(try JSONOutput.encode(rows)); return }
            if rows.isEmpty {
                Output.print(context.command.style.dim("No channels yet. Add one: pmo bot channel add NAME --url URL --unit CODE"))
                return
            }
            var table = Table(headers: ["Channel", "Format", "Webhook", "Unit", "Quiet hours", "Reminders", "Answers"])
            for row in rows {
                table.append([row.name, row.format, row.url, row.unit ?? "everyone",
                              row.quietHours.map { "\($0) \(row.timezone ?? "UTC")" } ?? "–", row.remindAt, row.audience])
            }
            Output.print(table.render(style: context.command.style, width: context.command.terminalWidth))
        }
    }

    /// `pmo bot channel remove`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a channel; messages still queued for it become dead letters when delivery meets them.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The channel's name.")
        var name: String

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "manage chat channels")
            guard try await context.store.removeChannel(name: name) else {
                throw BotError.unknownChannel(name, known: try await context.store.channels().map(\.name))
            }
            try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "bot-channel-remove", detail: name))
            Output.print("Removed channel '\(name)'.")
        }
    }

    /// `pmo bot channel test`: post a test message now and show the platform's answer.
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Post a test message to a channel now (not through the outbox) and show the platform's answer.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var delivery: DeliveryOptions

        @Argument(help: "The channel's name.")
        var name: String

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "manage chat channels")
            let record = try await context.channel(named: name)
            let channel = DeliveryChannel(record: record)
            let message = ChatMessage(kind: .test, title: "PMO Academy test message", paragraphs: [
                "This channel ('\(name)') receives PMO Academy reminders: reviews due, assignments, a weekly team digest.",
            ])
            let results = await context.makeDelivery(delivery).post(message, to: channel)
            try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "bot-channel-test", detail: name))
            for result in results {
                Output.print(WebhookRedaction.scrub(result.description, secretsOf: record.url))
                let body = WebhookRedaction.scrub(result.body.trimmingCharacters(in: .whitespacesAndNewlines), secretsOf: record.url)
                Output.print("Answer: " + (body.isEmpty ? "(empty body)" : body))
            }
            guard let last = results.last, last.isDelivered else {
                let reason = results.last?.failure?.errorDescription ?? "no answer"
                throw BotError.testFailed(WebhookRedaction.scrub(reason, secretsOf: record.url))
            }
            Output.print(context.command.style.green("Delivered to '\(name)' as \(channel.platform.rawValue)."))
        }
    }
}
