import Foundation

/// What the reminder planner decided: the reminders, and who could not be reached.
public struct ReminderPlan: Sendable, Equatable {
    /// The reminders, in a stable order (channel, then kind, then subject).
    public var reminders: [PlannedReminder]
    /// Logins of people with something due but no channel for their unit or any unit above it.
    public var unreachable: [String]

    public init(reminders: [PlannedReminder], unreachable: [String]) {
        self.reminders = reminders
        self.unreachable = unreachable
    }
}
