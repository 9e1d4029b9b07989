import Foundation

/// One webhook body produced by a ``ChatFormat``.
public struct ChatPayload: Sendable, Equatable {
    /// The JSON body.
    public var body: Data
    /// 1-based position among the payloads of one message.
    public var part: Int
    /// How many payloads the message became.
    public var partCount: Int

    /// The visible marker that ends the last payload of a message cut at ``ChatFormat/maxParts``.
    public static let truncationMarker = chatTruncationMarker

    public init(body: Data, part: Int = 1, partCount: Int = 1) {
        self.body = body
        self.part = part
        self.partCount = partCount
    }

    /// The body as text, for previews and tests.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// A request posting this payload to `url`.
    public func request(to url: String) -> WebhookRequest {
        WebhookRequest(url: url, body: body, headers: ["Content-Type": "application/json; charset=utf-8"])
    }
}
