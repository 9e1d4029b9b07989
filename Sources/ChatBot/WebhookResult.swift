import Foundation

/// The outcome of one webhook post: the platform's answer and what to do next.
public struct WebhookResult: Sendable, Equatable {
    /// The destination as `scheme://host/…`; never the full URL.
    public var destination: String
    /// The HTTP status, or nil when no answer arrived.
    public var status: Int?
    /// The answer's body, at most ``WebhookClient/Configuration/maxBodyBytes`` bytes, with the
    /// URL's secret parts masked.
    public var body: String
    /// True when the body was longer than the cap and was cut.
    public var bodyTruncated: Bool
    /// Seconds to wait before the next post: `Retry-After` (both forms, via
    /// `CURLINFO_RETRY_AFTER`) or Discord's JSON `retry_after`, whichever is more precise.
    public var retryAfter: TimeInterval?
    /// Delivered, retryable or permanent.
    public var classification: WebhookClassification
    /// True when the whole request had been sent before the transfer failed (timeout, reset or
    /// cancellation): the platform may have posted the message, so a retry can duplicate it.
    public var requestSent: Bool
    /// Wall time of the transfer, in seconds.
    public var duration: TimeInterval
    /// TCP connections libcurl opened for this post: 0 when a kept-alive one was reused.
    public var connectionsOpened: Int

    public init(destination: String, status: Int?, body: String, bodyTruncated: Bool = false, retryAfter: TimeInterval?,
                classification: WebhookClassification, requestSent: Bool, duration: TimeInterval, connectionsOpened: Int) {
        self.destination = destination
        self.status = status
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.retryAfter = retryAfter
        self.classification = classification
        self.requestSent = requestSent
        self.duration = duration
        self.connectionsOpened = connectionsOpened
    }

    /// True for any 2xx.
    public var isDelivered: Bool { classification == .delivered }

    /// True when the client gave up waiting after the whole request had been sent: the one case
    /// in which a retry may post the message twice.
    public var timedOutAfterSending: Bool {
        if case .timedOut(afterSending: true, _)? = classification.failure { return true }
        return false
    }

    /// The failure, or nil when delivered.
    public var failure: WebhookFailure? { classification.failure }
}

extension WebhookResult: CustomStringConvertible {
    /// One log line: `https://hooks.slack.com/… → http 410 permanent: …` — never the URL's secrets.
    public var description: String {
        let answer = status.map { "http \($0)" } ?? "no answer"
        var line = "\(destination) → \(answer) \(classification.name) in \(Int((duration * 1000).rounded())) ms"
        if let retryAfter { line += ", retry after \(WebhookFailure.seconds(retryAfter))" }
        if let failure, let text = failure.errorDescription { line += ": \(text)" }
        return line
    }
}

extension WebhookResult {
    /// The most useful short text of a platform's error body, at most `limit` characters.
    ///
    /// Slack answers in plain text (`channel_is_archived`); Discord with `{"message", "code"}`;
    /// Google Chat and Teams with `{"error": {"message"}}`.
    static func platformText(from body: String, limit: Int = 300) -> String {
        var text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{"), let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] {
            if let message = object["message"] as? String {
                text = message
                if let code = object["code"] as? Int { text += " (code \(code))" }
            } else if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
                text = message
            } else if let error = object["error"] as? String {
                text = error
            }
        }
        text = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }

    /// Discord's `retry_after` (seconds, a float) from a JSON body, if present and sane.
    static func retryAfter(fromJSONBody body: String) -> TimeInterval? {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("{"),
              let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let number = object["retry_after"] as? NSNumber else { return nil }
        let seconds = number.doubleValue
        return seconds.isFinite && seconds >= 0 ? seconds : nil
    }
}
