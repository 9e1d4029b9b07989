import Foundation

/// What the delivery worker does with a post: done, try again later, or give it to a person.
public enum WebhookClassification: Sendable, Equatable {
    /// Any 2xx: Slack's 200 `ok`, Teams' 202 with no body, Discord's 204.
    case delivered
    /// 429, 5xx, timeouts and network errors: retry with backoff; `retryAfter` wins when given.
    case retryable(WebhookFailure)
    /// Other 4xx, redirects and unusable URLs: retrying cannot help; dead-letter with the reason.
    case permanent(WebhookFailure)

    /// The failure, or nil when delivered.
    public var failure: WebhookFailure? {
        switch self {
        case .delivered: nil
        case .retryable(let failure), .permanent(let failure): failure
        }
    }

    /// A short name for logs and the outbox: `delivered`, `retryable`, `permanent`.
    public var name: String {
        switch self {
        case .delivered: "delivered"
        case .retryable: "retryable"
        case .permanent: "permanent"
        }
    }

    /// Classifies an HTTP answer by status alone; `text` is the platform's (scrubbed) error text.
    public static func classify(status: Int, text: String, retryAfter: TimeInterval?) -> WebhookClassification {
        switch status {
        case 200..<300: .delivered
        case 429: .retryable(.rateLimited(retryAfter: retryAfter))
        case 500..<600: .retryable(.serverError(status: status, text: text))
        case 300..<400: .permanent(.redirected(status: status))
        case 400..<500: .permanent(.rejected(status: status, text: text))
        default: .retryable(.unexpectedStatus(status))
        }
    }
}
