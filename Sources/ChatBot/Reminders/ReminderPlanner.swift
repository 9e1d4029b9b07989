import Foundation

/// Decides which reminders are due, for which channel, under which idempotency key.
///
/// Pure: the same input gives the same plan. Kinds, subjects and periods (see `docs/chat.md`):
///
/// | kind | to | subject | period |
/// | --- | --- | --- | --- |
/// | reviews due | the person's channel, mentioning them | `person:LOGIN` | day |
/// | assignment due within 3 days | the person's channel | `person:LOGIN/course:ID/due-soon` | the due day |
/// | assignment overdue | the person's channel | `person:LOGIN/course:ID/overdue` | ISO week |
/// | no learning for 14 days | the person's channel | `person:LOGIN` | ISO week |
/// | maturity assessment due | each unit channel, per model | `unit:CODE/model:ID` | quarter |
/// | weekly digest | each channel | `team` | the ISO week it sums up |
///
/// Days, weeks and quarters are counted in the channel's time zone. A digest holds aggregates
/// only; no reminder carries an ability estimate, a quiz result or a maturity answer.
public struct ReminderPlanner: Sendable {
    /// How far ahead an assignment's due date triggers a reminder.
    public var dueSoonWindow: TimeInterval
    /// How long without learning before a nudge.
    public var inactivityThreshold: TimeInterval

    public init(dueSoonWindow: TimeInterval = 3 * 86_400, inactivityThreshold: TimeInterval = 14 * 86_400) {
        self.dueSoonWindow = dueSoonWindow
        self.inactivityThreshold = inactivityThreshold
    }

    /// Every reminder due at `input.now`.
    public func plan(_ input: ReminderInput) -> ReminderPlan {
        let routing = ReminderRouting(input)
        var reminders: [PlannedReminder] = []
        var unreachable = Set<String>()
        let assignments = Dictionary(grouping: input.assignments, by: \.personID)
        for person in input.people.sorted(by: { $0.login < $1.login }) {
            let channels = routing.channels(for: person)
            for channel in channels {
                reminders += personalReminders(for: person, assignments: assignments[person.id] ?? [], channel: channel, now: input.now)
            }
            if channels.isEmpty, !personalReminders(for: person, assignments: assignments[person.id] ?? [],
                                                    channel: .init(name: "", unitID: nil, platform: .generic), now: input.now).isEmpty {
                unreachable.insert(person.login)
            }
        }
        for channel in input.channels.sorted(by: { $0.name < $1.name }) {
            reminders += maturityReminders(for: channel, input: input)
            if let digest = digest(for: channel, members: routing.members(of: channel, among: input.people), input: input) {
                reminders.append(digest)
            }
        }
        reminders.sort { ($0.channel, $0.kind.rawValue, $0.subject) < ($1.channel, $1.kind.rawValue, $1.subject) }
        return ReminderPlan(reminders: reminders, unreachable: unreachable.sorted())
    }

    /// The person's handle on `platform`, as a mention (plain `@name` text when there is none).
    static func mention(_ person: ReminderInput.Person, on platform: ChatPlatform) -> ChatMention {
        let key = platform == .googleChat ? "google_chat" : platform.rawValue
        return ChatMention(handle: person.chat[key] ?? "", name: person.name)
    }
}
