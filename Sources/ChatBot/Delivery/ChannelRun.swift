import Foundation

/// What one channel's share of a claimed batch came to.
struct ChannelRun: Sendable {
    var channel: String
    var throttle: ChannelThrottle
    var report = DeliveryReport()
    /// Set when messages were put back only because the lease would run out (mostly waiting for tokens).
    var resumeAt: Date?
}
