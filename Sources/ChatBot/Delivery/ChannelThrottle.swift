import Foundation

/// What holds one channel back during a delivery run: its token bucket and a platform's `Retry-After`.
struct ChannelThrottle: Sendable {
    /// The channel's bucket, or nil when rate limiting is off.
    var bucket: TokenBucket?
    /// Nothing is posted to the channel before this time (a 429's `Retry-After`, or a failing channel).
    var blockedUntil: Date?

    init(limit: RateLimit?) {
        bucket = limit.map(TokenBucket.init(limit:))
    }
}
