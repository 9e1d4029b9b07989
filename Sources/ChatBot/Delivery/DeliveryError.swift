import Foundation

/// Why the delivery worker dead-lettered a message or refused a setting; never names a webhook URL.
public enum DeliveryError: Error, LocalizedError, Sendable, Equatable {
    /// The message's channel was removed after it was planned.
    case channelMissing(String)
    /// The stored payload is not a message this version can read.
    case unreadablePayload(id: Int64)
    /// The message failed `attempts` times; `last` is the last failure.
    case gaveUp(attempts: Int, last: String)

    public var errorDescription: String? {
        switch self {
        case .channelMissing(let name):
            "channel '\(name)' no longer exists; add it again with 'pmo bot channel add \(name) --url URL' and run 'pmo bot retry ID'"
        case .unreadablePayload(let id):
            "the payload of outbox message \(id) cannot be read by this version of pmo; it was not planned by pmo"
        case .gaveUp(let attempts, let last):
            "gave up after \(attempts) attempts; last: \(last); run 'pmo bot retry ID' once the channel works again"
        }
    }
}
