/// Google Chat incoming webhooks: `{"text": …}` with Chat's own markup (`*bold*`,
/// `<url|label>`, `<users/…>`); ≤ 32,000 bytes of text per message.
public struct GoogleChatFormat: ChatFormat {
    public static let maxTextBytes = 32_000

    public var platform: ChatPlatform { .googleChat }
    public var maxParts: Int

    public init(maxParts: Int = 10) {
        self.maxParts = max(1, maxParts)
    }

    public func payloads(for message: ChatMessage) -> [ChatPayload] {
        textPayloads(message, escaper: .googleChat, bold: "*",
                     layout: ChatTextLayout(limit: Self.maxTextBytes, measure: .utf8, maxParts: maxParts, titleSeparator: "\n"),
                     mention: Self.mentionToken, links: Self.linkList)
    }

    /// `<users/123>` for a numeric Chat user ID (`users/123` or `123`); `users/all` is never produced.
    static func mentionToken(_ mention: ChatMention) -> ChatText {
        var id = mention.handle.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("users/") { id.removeFirst("users/".count) }
        let valid = (1...64).contains(id.count) && id.allSatisfy { ("0"..."9").contains($0) }
        return valid ? .token("<users/\(id)>") : ChatText("@" + mention.name, escaper: .googleChat)
    }

    /// `<url|label>` lines; `|` and `>` in labels are replaced so the link cannot be cut short.
    static func linkList(_ links: [ChatLink]) -> ChatText {
        ChatPacking.join(links.map { link in
            let label = ChatText(link.shortLabel, escaper: .googleChat).string
                .replacingOccurrences(of: "|", with: "¦").replacingOccurrences(of: ">", with: "›")
            guard let url = link.safeURL else { return .token("• " + label) }
            return .token("• <\(url)|\(label)>")
        }, separator: "\n")
    }
}
