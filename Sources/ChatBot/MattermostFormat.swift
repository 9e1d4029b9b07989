/// Mattermost incoming webhooks: Slack-compatible JSON with Markdown `text` (`**bold**`).
///
/// One post holds ≤ 16,383 characters; longer messages become several payloads.
public struct MattermostFormat: ChatFormat {
    public static let maxTextLength = 16_383
    private static let reservedNames: Set<String> = ["all", "channel", "here", "everyone"]

    public var platform: ChatPlatform { .mattermost }
    public var maxParts: Int

    public init(maxParts: Int = 10) {
        self.maxParts = max(1, maxParts)
    }

    public func payloads(for message: ChatMessage) -> [ChatPayload] {
        textPayloads(message, escaper: .mattermost, bold: "**",
                     layout: ChatTextLayout(limit: Self.maxTextLength, measure: .utf16, maxParts: maxParts),
                     mention: Self.mentionToken, links: Self.linkList)
    }

    /// `@username` for a valid Mattermost username (a letter, then letters, digits, `.`, `_`, `-`),
    /// otherwise the escaped `@name`.
    static func mentionToken(_ mention: ChatMention) -> ChatText {
        var handle = mention.handle.trimmingCharacters(in: .whitespaces).lowercased()
        if handle.hasPrefix("@") { handle.removeFirst() }
        let valid = (1...64).contains(handle.count) && !reservedNames.contains(handle)
            && handle.first.map { $0.isASCII && $0.isLetter } == true
            && handle.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        return valid ? .token("@\(handle)") : ChatText("@" + mention.name, escaper: .mattermost)
    }

    /// `- [label](url)` lines with the label's brackets escaped.
    static func linkList(_ links: [ChatLink]) -> ChatText {
        ChatPacking.join(links.map { link in
            let label = ChatText(link.shortLabel, escaper: .mattermost).string
                .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            guard let url = link.safeURL else { return .token("- " + label) }
            return .token("- [\(label)](\(url))")
        }, separator: "\n")
    }
}
