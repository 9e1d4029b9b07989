import AcademyStore
import Foundation

/// A channel as the delivery worker uses it: where to post, in which format, and when not to.
///
/// The URL is a secret: the description and mirror show the channel's name and platform only.
public struct DeliveryChannel: Sendable {
    /// The channel's name in `pmo bot channel list`.
    public var name: String
    /// The webhook URL; only libcurl reads it.
    public var url: String
    /// The format posted: the configured one, else detected from the URL's host.
    public var platform: ChatPlatform
    /// When nothing is posted, if ever.
    public var quietHours: QuietHours?
    /// The zone quiet hours and reminder periods are read in (UTC when unset).
    public var timeZone: TimeZone
    /// The posting rate, or nil for none.
    public var rateLimit: RateLimit?

    public init(name: String, url: String, platform: ChatPlatform, quietHours: QuietHours? = nil, timeZone: TimeZone = DeliveryChannel.utc,
                rateLimit: RateLimit? = .standard) {
        self.name = name
        self.url = url
        self.platform = platform
        self.quietHours = quietHours
        self.timeZone = timeZone
        self.rateLimit = rateLimit
    }

    /// Coordinated universal time, the zone of a channel without one.
    public static let utc = TimeZone(secondsFromGMT: 0)!

    /// The channel of a stored record; an unknown format is detected, an unknown zone is UTC.
    public init(record: ChannelRecord, rateLimiting: Delivery.RateLimiting = .platformDefaults, mattermostHosts: Set<String> = []) {
        let platform = ChatPlatform.resolve(webhookURL: record.url, override: record.format.flatMap(ChatPlatform.init(rawValue:)),
                                            mattermostHosts: mattermostHosts)
        self.init(name: record.name, url: record.url, platform: platform, quietHours: record.quietHours.flatMap(QuietHours.init),
                  timeZone: record.timezone.flatMap(TimeZone.init(identifier:)) ?? DeliveryChannel.utc, rateLimit: rateLimiting.limit(for: platform))
    }
}

extension DeliveryChannel: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `team (slack)` — never the URL.
    public var description: String { "\(name) (\(platform.rawValue))" }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "url": WebhookRedaction.redacted(url), "platform": platform.rawValue])
    }
}
