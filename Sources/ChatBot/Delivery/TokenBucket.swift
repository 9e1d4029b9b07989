import Foundation

/// A token bucket: posts take a token each; tokens come back at the limit's rate up to its burst.
public struct TokenBucket: Sendable, Equatable {
    /// The rate and size.
    public let limit: RateLimit
    private var tokens: Double
    private var updated: Date?

    /// A full bucket.
    public init(limit: RateLimit) {
        self.limit = limit
        self.tokens = Double(limit.burst)
    }

    /// Rounding slack, so that waiting until ``availableAt(_:)`` always yields a token.
    private static let epsilon = 1e-9

    /// The tokens in the bucket at `now`.
    private func level(at now: Date) -> Double {
        guard let updated else { return tokens }
        let elapsed = max(0, now.timeIntervalSince(updated))
        return min(Double(limit.burst), tokens + elapsed * limit.messagesPerSecond)
    }

    /// When the next token is there: `now` when one is already.
    public func availableAt(_ now: Date) -> Date {
        let level = level(at: now)
        if level >= 1 - Self.epsilon { return now }
        return now.addingTimeInterval((1 - level) / limit.messagesPerSecond)
    }

    /// Takes a token at `now`; false (and nothing taken) when none is there yet.
    public mutating func take(at now: Date) -> Bool {
        let level = level(at: now)
        guard level >= 1 - Self.epsilon else { return false }
        tokens = max(0, level - 1)
        updated = max(now, updated ?? now)
        return true
    }
}
