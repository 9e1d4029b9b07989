import AcademyCore
import AcademyStore
import ArgumentParser
import ChatBot
import Foundation
import TerminalUI

extension PMO.Bot {
    /// `pmo bot remind`: plan the reminders that are due into the outbox, then deliver.
    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Plan due reminders into the outbox and post them: reviews, assignments, inactivity, maturity, weekly digest.",
            discussion: """
            Each reminder has a key (channel, kind, subject, period), so running this again in the same day, \
            week or quarter plans nothing new. Personal reminders mention the person by their chat handle for \
            the channel's platform and go to the channel of their unit, else of the nearest unit above it. The \
            weekly digest holds team counts only, never a person's scores. Set PMO_NOW to plan for another time.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var delivery: DeliveryOptions

        @Flag(name: .long, help: "Show what would be planned; change nothing and post nothing.")
        var dryRun = false

        func run() async throws {
            let context = try await BotContext.open(options: options, action: "plan chat reminders")
            let catalog = try context.command.loadCatalog()
            let now = context.now()
            let input = try await BotReminderInputBuilder.build(store: context.store, catalog: catalog, now: now)
            let plan = ReminderPlanner().plan(input)
            let style = context.command.style
            if input.channels.isEmpty {
                Output.print(style.dim("No channels yet, so no reminders. Add one: pmo bot channel add NAME --url URL --unit CODE"))
                return
            }
            let existing = try await context.store.existingOutboxKeys(plan.reminders.map(\.idempotencyKey))
            let fresh = plan.reminders.filter { !existing.contains($0.idempotencyKey) }
            if dryRun {
                for reminder in plan.reminders {
                    let state = existing.contains(reminder.idempotencyKey) ? style.dim("planned") : style.green("new    ")
                    Output.print("\(state)  \(reminder.channel)  \(reminder.kind)  \(reminder.subject)  \(reminder.period)")
                    Output.print("         " + style.bold(reminder.message.title) + ": "
                        + reminder.message.paragraphs.joined(separator: " ").replacingOccurrences(of: "\n", with: " "))
                }
                Output.print("Would plan \(fresh.count) new reminder\(fresh.count == 1 ? "" : "s") (\(plan.reminders.count - fresh.count) already planned).")
                Self.noteUnreachable(plan)
                return
            }
            let added = try await context.store.enqueue(plan.reminders.map { $0.outboxMessage(at: now) })
            if added > 0 {
                try await context.store.audit(AuditEntry(at: now, actor: context.actor.login, action: "bot-remind",
                                                         detail: "\(added) reminders planned"))
            }
            Output.print("Planned \(added) new reminder\(added == 1 ? "" : "s") (\(plan.reminders.count - added) already planned)"
                + Self.breakdown(fresh) + ".")
            Self.noteUnreachable(plan)
            let report = try await context.drain(delivery)
            Output.print(report.summary)
        }

        /// ` — reviews-due 2, digest 1`.
        static func breakdown(_ reminders: [PlannedReminder]) -> String {
            guard !reminders.isEmpty else { return "" }
            let counts = Dictionary(grouping: reminders, by: \.kind.rawValue).mapValues(\.count)
            return ": " + counts.keys.sorted().map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }

        static func noteUnreachable(_ plan: ReminderPlan) {
            guard !plan.unreachable.isEmpty else { return }
            let count = plan.unreachable.count
            Output.error("\(count) \(count == 1 ? "person has" : "people have") reminders but no channel for their unit or any unit above it: "
                + plan.unreachable.prefix(10).joined(separator: ", ") + (count > 10 ? ", …" : "")
                + "; add a channel with 'pmo bot channel add NAME --url URL --unit CODE' (or one without --unit for everyone)")
        }
    }
}
