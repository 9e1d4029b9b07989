import Foundation

/// Why a webhook post did not deliver, with a lowercase, actionable description.
///
/// Descriptions never contain the webhook URL: platform texts are scrubbed of its secret parts
/// before they get here, and network errors carry libcurl's fixed error string, not its error
/// buffer (which can name the URL).
public enum WebhookFailure: Error, LocalizedError, Sendable, Equatable {
    /// HTTP 429: the platform's rate limit.
    case rateLimited(retryAfter: TimeInterval?)
    /// HTTP 5xx: the platform failed; `text` is its answer, shortened.
    case serverError(status: Int, text: String)
    /// The total timeout passed; `afterSending` when the whole request had already gone out, so
    /// the platform may have posted the message.
    case timedOut(afterSending: Bool, seconds: Double)
    /// The connection could not be made or broke; `code` is the libcurl error code.
    case network(code: Int, detail: String, afterSending: Bool)
    /// Any other 4xx: the platform refused this message; `text` is its error, e.g. `channel_is_archived`.
    case rejected(status: Int, text: String)
    /// A 3xx answer; redirects are never followed for webhook URLs.
    case redirected(status: Int)
    /// A status outside 2xx–5xx.
    case unexpectedStatus(Int)
    /// The URL is not an http or https URL libcurl can use.
    case invalidURL(detail: String)
    /// The send was cancelled or the client shut down before the platform answered.
    case cancelled(afterSending: Bool)

    public var errorDescription: String? {
        switch self {
        case .rateLimited(let retryAfter):
            if let retryAfter {
                return "rate limited by the chat platform (http 429); wait \(Self.seconds(retryAfter)) before the next message to this channel"
            }
            return "rate limited by the chat platform (http 429); slow down messages to this channel"
        case .serverError(let status, let text):
            return "the chat platform failed with http \(status)\(Self.quoted(text)); it is retried later"
        case .timedOut(let afterSending, let seconds):
            if afterSending {
                return "no answer within \(Self.seconds(seconds)) after the message was sent; the platform may have posted it, so a retry can duplicate it"
            }
            return "timed out after \(Self.seconds(seconds)) before the message was sent; check the network, proxy settings and that the host is reachable"
        case .network(_, let detail, let afterSending):
            if afterSending {
                return "the connection broke after the message was sent (\(detail)); the platform may have posted it, so a retry can duplicate it"
            }
            return "network error (\(detail)); check the network, proxy settings and that the host is reachable"
        case .rejected(let status, let text):
            return "the chat platform rejected the message with http \(status)\(Self.quoted(text)); fix the channel (webhook url revoked, channel archived or missing, payload refused) and retry by hand"
        case .redirected(let status):
            return "the webhook answered with a redirect (http \(status)); redirects are not followed, so set the channel's url to the final webhook address"
        case .unexpectedStatus(let status):
            return "the webhook answered with an unexpected http \(status); check that the url is a chat webhook"
        case .invalidURL(let detail):
            return "the webhook url cannot be used (\(detail)); set the channel's url to an http or https webhook url"
        case .cancelled(let afterSending):
            return afterSending
                ? "sending was cancelled after the message was sent; the platform may have posted it"
                : "sending was cancelled before the message was sent; it is retried later"
        }
    }

    /// True when the failure happened after the whole request was sent: a retry may duplicate.
    public var mayHaveBeenDelivered: Bool {
        switch self {
        case .timedOut(let afterSending, _), .network(_, _, let afterSending), .cancelled(let afterSending): afterSending
        default: false
        }
    }

    private static func quoted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "" : ": \(trimmed)"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
