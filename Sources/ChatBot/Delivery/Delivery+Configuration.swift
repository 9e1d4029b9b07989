import Foundation

extension Delivery {
    /// Which rate limit each channel gets.
    public enum RateLimiting: Sendable, Equatable {
        /// Each platform's documented limit: Google Chat 60/min, others 1/s.
        case platformDefaults
        /// The same limit for every channel.
        case uniform(RateLimit)
        /// No limit (benchmarks, local receivers).
        case off

        /// The limit of a channel on `platform`, or nil for none.
        public func limit(for platform: ChatPlatform) -> RateLimit? {
            switch self {
            case .platformDefaults: RateLimit.platformDefault(platform)
            case .uniform(let limit): limit
            case .off: nil
            }
        }
    }

    /// Attempts, backoff, leases, merging and rate limits of the delivery worker.
    public struct Configuration: Sendable {
        /// Attempts before a message becomes a dead letter.
        public var maxAttempts: Int
        /// Backoff: the first retry waits up to this many seconds, doubling with each failure.
        public var backoffBase: TimeInterval
        /// Backoff: no retry waits longer than this.
        public var backoffCap: TimeInterval
        /// The longest `Retry-After` honoured, so that a bogus answer cannot park a message for years.
        public var maxRetryAfter: TimeInterval
        /// How long claimed messages stay leased to this worker; a killed worker's lease runs out.
        public var lease: TimeInterval
        /// Time kept in hand before the lease ends for the last post (timeouts included).
        public var leaseMargin: TimeInterval
        /// Messages claimed at once.
        public var claimLimit: Int
        /// The most messages merged into one post (1: never merge).
        public var mergeLimit: Int
        /// Per-channel rate limits.
        public var rateLimiting: RateLimiting
        /// Self-hosted Mattermost hosts, for format detection.
        public var mattermostHosts: Set<String>
        /// Receives one line per post: channel, message count and the redacted result.
        public var log: (@Sendable (String) -> Void)?

        public init(maxAttempts: Int = 8, backoffBase: TimeInterval = 15, backoffCap: TimeInterval = 3600,
                    maxRetryAfter: TimeInterval = 86_400, lease: TimeInterval = 300, leaseMargin: TimeInterval = 60,
                    claimLimit: Int = 2000, mergeLimit: Int = 10, rateLimiting: RateLimiting = .platformDefaults,
                    mattermostHosts: Set<String> = [], log: (@Sendable (String) -> Void)? = nil) {
            self.maxAttempts = max(1, maxAttempts)
            self.backoffBase = backoffBase
            self.backoffCap = backoffCap
            self.maxRetryAfter = maxRetryAfter
            self.lease = max(1, lease)
            self.leaseMargin = max(0, min(leaseMargin, lease / 2))
            self.claimLimit = max(1, claimLimit)
            self.mergeLimit = max(1, mergeLimit)
            self.rateLimiting = rateLimiting
            self.mattermostHosts = mattermostHosts
            self.log = log
        }
    }
}
