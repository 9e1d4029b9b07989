import ChatBot
import Foundation
import TestSupport
import Testing

/// A client with short timeouts that never goes through a proxy from the environment.
func makeTestClient(totalTimeout: Duration = .seconds(5), log: (@Sendable (String) -> Void)? = nil) -> WebhookClient {
    WebhookClient(configuration: .init(connectTimeout: .seconds(2), totalTimeout: totalTimeout, proxy: .disabled, log: log))
}

/// A JSON body as a dictionary.
func jsonObject(_ payload: ChatPayload) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: payload.body)
    return try #require(object as? [String: Any], "payload is not a JSON object: \(payload.text)")
}

/// Collects log lines from the client's thread.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    var lines: [String] {
        lock.lock(); defer { lock.unlock() }
        return collected
    }

    var sink: @Sendable (String) -> Void {
        { [self] line in
            lock.lock(); collected.append(line); lock.unlock()
        }
    }
}

extension WebhookRequest {
    /// A small JSON post to `url`.
    static func test(_ url: String, body: String = #"{"text":"hello"}"#) -> WebhookRequest {
        WebhookRequest(url: url, body: Data(body.utf8))
    }
}

/// The first payload `format` writes for `message`, as a dictionary.
func firstJSON(_ format: some ChatFormat, _ message: ChatMessage) throws -> [String: Any] {
    let payload = try #require(format.payloads(for: message).first)
    return try jsonObject(payload)
}
