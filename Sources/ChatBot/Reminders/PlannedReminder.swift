import AcademyStore
import Foundation

/// One reminder the planner decided on: which channel, what, about whom, for which period.
public struct PlannedReminder: Sendable, Equatable {
    public var channel: String
    public var kind: ChatMessage.Kind
    /// Who or what it is about: `person:ada`, `person:ada/course:risk/overdue`, `unit:pmo/model:x`, `team`.
    public var subject: String
    /// The period it counts for: `2026-03-15`, `2026-W11`, `2026-Q1`, or a due date.
    public var period: String
    public var message: ChatMessage
    /// For a digest: the courses it counted (the next digest announces the others as new).
    public var announcedCourses: [String]?

    public init(channel: String, kind: ChatMessage.Kind, subject: String, period: String, message: ChatMessage,
                announcedCourses: [String]? = nil) {
        self.channel = channel
        self.kind = kind
        self.subject = subject
        self.period = period
        self.message = message
        self.announcedCourses = announcedCourses
    }

    /// `channel|kind|subject|period`: planning the same reminder again yields the same key, and
    /// the outbox's unique constraint keeps it once.
    public var idempotencyKey: String { Self.key(channel: channel, kind: kind, subject: subject, period: period) }

    /// The key of a reminder.
    public static func key(channel: String, kind: ChatMessage.Kind, subject: String, period: String) -> String {
        "\(channel)|\(kind.rawValue)|\(subject)|\(period)"
    }

    /// The key prefix every reminder of `kind` to `channel` shares.
    public static func keyPrefix(channel: String, kind: ChatMessage.Kind) -> String {
        "\(channel)|\(kind.rawValue)|"
    }

    /// The outbox row that delivers it, due at `now`.
    public func outboxMessage(at now: Date) -> OutboxMessage {
        OutboxMessage(channel: channel, idempotencyKey: idempotencyKey,
                      payload: OutboxPayload(message: message, announcedCourses: announcedCourses).encoded(),
                      nextAttemptAt: now, createdAt: now)
    }
}
