import Foundation

/// How fast one channel may be posted to: a token bucket's refill rate and its size.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    /// Tokens added per second; one chat post takes one.
    public var messagesPerSecond: Double
    /// How many posts may go out back to back after a quiet spell.
    public var burst: Int

    public init(messagesPerSecond: Double, burst: Int = 1) {
        self.messagesPerSecond = max(0.001, messagesPerSecond)
        self.burst = max(1, burst)
    }

    /// `count` messages per minute.
    public static func perMinute(_ count: Double, burst: Int = 1) -> RateLimit {
        RateLimit(messagesPerSecond: count / 60, burst: burst)
    }

    /// About one message per second per webhook: Slack's documented figure, used for every
    /// platform without a documented one of its own.
    public static let standard = RateLimit(messagesPerSecond: 1, burst: 1)
    /// Google Chat: 60 writes per minute per space.
    public static let googleChat = RateLimit.perMinute(60)

    /// The documented limit of `platform`.
    public static func platformDefault(_ platform: ChatPlatform) -> RateLimit {
        platform == .googleChat ? googleChat : standard
    }

    /// `1/s`, `60/min`, `0.5/s, burst 3`.
    public var description: String {
        let perMinute = messagesPerSecond * 60
        let rate = messagesPerSecond >= 1 || perMinute != perMinute.rounded()
            ? "\(Self.number(messagesPerSecond))/s" : "\(Self.number(perMinute))/min"
        return burst > 1 ? "\(rate), burst \(burst)" : rate
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : String(format: "%.2f", value)
    }
}
