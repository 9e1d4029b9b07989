import Foundation

/// Exponential backoff with full jitter: a retry waits `random(0, min(cap, base · 2^attempt))`.
///
/// The random source is injected (a seeded generator in tests); it is the worker's only shared
/// mutable state, so it sits behind a lock.
public final class RetryBackoff: @unchecked Sendable {
    /// The ceiling of the first retry's wait, in seconds.
    public let base: TimeInterval
    /// The largest wait, in seconds.
    public let cap: TimeInterval
    /// The shortest wait, in seconds, so that a zero draw does not retry in a busy loop.
    public let minimum: TimeInterval
    private let lock = NSLock()
    private var generator: any RandomNumberGenerator

    public init(base: TimeInterval, cap: TimeInterval, minimum: TimeInterval = 1, generator: any RandomNumberGenerator) {
        self.base = max(0, base)
        self.cap = max(0, cap)
        self.minimum = max(0, min(minimum, cap))
        self.generator = generator
    }

    /// `min(cap, base · 2^attempt)` for the retry after `attempt` earlier failures (0 for the first).
    public func ceiling(afterFailures attempt: Int) -> TimeInterval {
        let exponent = Double(min(max(0, attempt), 62))
        return min(cap, base * pow(2, exponent))
    }

    /// A random wait in `minimum … ceiling(afterFailures:)`.
    public func delay(afterFailures attempt: Int) -> TimeInterval {
        let ceiling = ceiling(afterFailures: attempt)
        lock.lock()
        defer { lock.unlock() }
        let draw = ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : 0
        return max(minimum, draw)
    }
}
