/// Any other receiver: the message as plain JSON data, unescaped and unsplit.
///
/// `{"kind", "title", "text", "paragraphs", "links": [{"label", "url"}], "mentions": [{"handle", "name"}]}`;
/// `text` is the title and paragraphs as plain text. Receivers render it themselves, so they
/// must escape it; only http and https links are included.
public struct GenericJSONFormat: ChatFormat {
    public var platform: ChatPlatform { .generic }
    public var maxParts: Int { 1 }

    public init() {}

    public func payloads(for message: ChatMessage) -> [ChatPayload] {
        let title = ChatEscaper.clean(message.title)
        let paragraphs = message.paragraphs.map(ChatEscaper.clean)
        let text = ([title] + paragraphs).filter { !$0.isEmpty }.joined(separator: "\n\n")
        let body = JSONValue.object([
            ("kind", .string(message.kind.rawValue)),
            ("title", .string(title)),
            ("text", .string(text)),
            ("paragraphs", .array(paragraphs.map { .string($0) })),
            ("links", .array(message.links.compactMap { link in
                link.safeURL.map { .object([("label", .string(link.shortLabel)), ("url", .string($0))]) }
            })),
            ("mentions", .array(message.mentions.map {
                .object([("handle", .string(ChatEscaper.clean($0.handle))), ("name", .string(ChatEscaper.clean($0.name)))])
            })),
        ])
        return [ChatPayload(body: body.data)]
    }
}
