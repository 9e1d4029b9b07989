import Foundation

/// The time source of the delivery worker: what time it is, and waiting until a later time.
///
/// Injected so that backoff, `Retry-After`, rate limits and quiet hours are tested without
/// waiting: a test clock jumps to the deadline instead of sleeping.
public protocol DeliveryClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Returns at `deadline` (at once when it has passed); throws when the task is cancelled.
    func sleep(until deadline: Date) async throws
}
