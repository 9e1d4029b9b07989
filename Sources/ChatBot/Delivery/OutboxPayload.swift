import Foundation

/// What an outbox row's `payload` holds: the platform-neutral message and delivery progress.
///
/// Stored as JSON: `{"message": {…ChatMessage…}, "partsDelivered": 1, "announcedCourses": […]}`.
/// The message is formatted for the channel's platform only when it is sent, so a channel whose
/// format changes gets the new format. A bare `ChatMessage` JSON object is accepted too.
public struct OutboxPayload: Sendable, Codable, Equatable {
    /// The message to post.
    public var message: ChatMessage
    /// How many payloads of a split message were already posted; a retry starts after them.
    public var partsDelivered: Int
    /// For a digest: the ids of the courses it counted, so the next digest can tell what is new.
    public var announcedCourses: [String]?

    public init(message: ChatMessage, partsDelivered: Int = 0, announcedCourses: [String]? = nil) {
        self.message = message
        self.partsDelivered = partsDelivered
        self.announcedCourses = announcedCourses
    }

    private enum CodingKeys: String, CodingKey { case message, partsDelivered, announcedCourses }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(ChatMessage.self, forKey: .message)
        partsDelivered = try container.decodeIfPresent(Int.self, forKey: .partsDelivered) ?? 0
        announcedCourses = try container.decodeIfPresent([String].self, forKey: .announcedCourses)
    }

    /// The JSON stored in the outbox (keys sorted, so equal payloads are equal text).
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a stored payload: the envelope, or a bare message (`decoder` may be reused across calls).
    public static func decode(_ text: String, using decoder: JSONDecoder = JSONDecoder()) throws -> OutboxPayload {
        let data = Data(text.utf8)
        if let payload = try? decoder.decode(OutboxPayload.self, from: data) { return payload }
        return OutboxPayload(message: try decoder.decode(ChatMessage.self, from: data))
    }
}
