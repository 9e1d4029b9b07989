import Foundation

/// Real time for the delivery worker, optionally starting from a fixed instant.
///
/// `pmo` passes the instant of `PMO_NOW` when that is set: time then runs on from it at the
/// normal pace, so that rate limits and leases behave as in production while planned dates stay
/// reproducible.
public struct SystemDeliveryClock: DeliveryClock {
    private let origin: Date
    private let start: ContinuousClock.Instant

    /// A clock that reads `origin` now and advances in real time; `nil` means the system's time.
    public init(origin: Date? = nil) {
        self.origin = origin ?? Date()
        self.start = ContinuousClock.now
    }

    public func now() -> Date {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return origin.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now())
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}
