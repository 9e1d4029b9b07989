import Foundation

/// What one delivery run did, for the summary line of `pmo bot deliver`.
public struct DeliveryReport: Sendable, Equatable {
    /// Outbox messages delivered.
    public var delivered = 0
    /// Chat posts that succeeded (a merged post delivers several messages; a split one is several posts).
    public var posts = 0
    /// Messages that failed and wait for another attempt.
    public var retrying = 0
    /// Messages that became dead letters.
    public var dead = 0
    /// Messages held until a channel's quiet hours end.
    public var heldForQuietHours = 0
    /// Messages held because their channel asked to wait (`Retry-After`) or is failing.
    public var heldForChannel = 0
    /// Failures after the whole request had been sent: the platform may have posted those.
    public var possibleDuplicates = 0
    /// TCP connections libcurl opened.
    public var connectionsOpened = 0
    /// The earliest time a held or retried message is due again.
    public var nextAttempt: Date?

    public init() {}

    /// Notes a time something is due again.
    mutating func due(at date: Date) {
        nextAttempt = min(nextAttempt ?? date, date)
    }

    /// Adds another report's counts.
    mutating func add(_ other: DeliveryReport) {
        delivered += other.delivered
        posts += other.posts
        retrying += other.retrying
        dead += other.dead
        heldForQuietHours += other.heldForQuietHours
        heldForChannel += other.heldForChannel
        possibleDuplicates += other.possibleDuplicates
        connectionsOpened += other.connectionsOpened
        if let next = other.nextAttempt { due(at: next) }
    }

    /// `Delivered 5 messages in 2 posts; 1 to retry, 0 dead, 2 held for quiet hours; next attempt at …`.
    public var summary: String {
        var line = "Delivered \(delivered) message\(delivered == 1 ? "" : "s") in \(posts) post\(posts == 1 ? "" : "s")"
        line += "; \(retrying) to retry, \(dead) dead"
        if heldForQuietHours > 0 { line += ", \(heldForQuietHours) held for quiet hours" }
        if heldForChannel > 0 { line += ", \(heldForChannel) held for a channel that asked to wait" }
        if possibleDuplicates > 0 {
            line += ", \(possibleDuplicates) possibly posted twice (no answer after sending)"
        }
        if let nextAttempt { line += "; next attempt at \(nextAttempt.ISO8601Format())" }
        return line + "."
    }
}
