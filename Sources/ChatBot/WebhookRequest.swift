import Foundation

/// One HTTP POST to a chat platform's incoming webhook.
///
/// The URL is a secret: `description`, `debugDescription` and the mirror show it redacted, so
/// interpolating a request into a log line or an error cannot leak it.
public struct WebhookRequest: Sendable, Equatable {
    /// The full webhook URL, secret path and query included. Only the client reads it.
    public var url: String
    /// The request body, usually JSON produced by a ``ChatFormat``.
    public var body: Data
    /// Extra request headers. `Content-Type` defaults to `application/json` when absent.
    public var headers: [String: String]

    /// Creates a request; `Content-Type: application/json` is added unless `headers` names one.
    public init(url: String, body: Data, headers: [String: String] = [:]) {
        self.url = url
        self.body = body
        self.headers = headers
    }

    /// The URL with everything after the host masked, safe for logs and errors.
    public var redactedURL: String { WebhookRedaction.redacted(url) }

    /// The header lines sent, with a default content type and `Expect:` disabled.
    var headerLines: [String] {
        var lines: [String] = []
        var hasContentType = false
        for (name, value) in headers.sorted(by: { $0.key.lowercased() < $1.key.lowercased() }) {
            let cleanName = name.filter { !$0.isNewline && $0 != ":" }
            let cleanValue = value.filter { !$0.isNewline }
            guard !cleanName.isEmpty else { continue }
            if cleanName.lowercased() == "content-type" { hasContentType = true }
            lines.append("\(cleanName): \(cleanValue)")
        }
        if !hasContentType { lines.append("Content-Type: application/json") }
        // No "Expect: 100-continue" round trip: webhook bodies are small and some receivers
        // do not answer it.
        lines.append("Expect:")
        return lines
    }
}

extension WebhookRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `POST https://hooks.slack.com/… (123 bytes)`.
    public var description: String { "POST \(redactedURL) (\(body.count) bytes)" }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["url": redactedURL, "bodyBytes": body.count, "headers": headers.keys.sorted()])
    }
}
