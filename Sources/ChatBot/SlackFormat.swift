/// Slack incoming webhooks: `text` (the notification fallback) plus Block Kit `blocks`.
///
/// A header block holds the title (plain text, ≤ 150 characters); sections hold mentions,
/// paragraphs and links as `mrkdwn` (≤ 3,000 characters each); a payload has ≤ 50 blocks, more
/// become further payloads titled `(2/3)`.
public struct SlackFormat: ChatFormat {
    public static let maxHeaderLength = 150
    public static let maxSectionLength = 3000
    public static let maxBlocks = 50
    public static let maxFallbackLength = 3000

    public var platform: ChatPlatform { .slack }
    public var maxParts: Int

    public init(maxParts: Int = 10) {
        self.maxParts = max(1, maxParts)
    }

    public func payloads(for message: ChatMessage) -> [ChatPayload] {
        let title = shortTitle(message.title, limit: Self.maxHeaderLength - longestPartSuffix.count)
        var segments: [ChatText] = []
        let mentions = Self.mentionLine(message.mentions)
        if !mentions.atoms.isEmpty { segments += mentions.split(limit: Self.maxSectionLength, measure: .utf16) }
        segments += paragraphSegments(message, escaper: .slack, limit: Self.maxSectionLength, measure: .utf16)
        segments += Self.linkList(message.links).split(limit: Self.maxSectionLength, measure: .utf16)

        let packing = ChatPacking(limit: .max / 4, segmentLimit: Self.maxSectionLength,
                                  maxSegments: title.isEmpty ? Self.maxBlocks : Self.maxBlocks - 1,
                                  separatorCost: 0, measure: .utf16, maxParts: maxParts)
        var parts = packing.pack(segments)
        if parts.isEmpty { parts = [[]] }
        return parts.enumerated().map { index, sections in
            let suffix = partSuffix(index + 1, of: parts.count)
            var blocks: [JSONValue] = []
            if !title.isEmpty {
                blocks.append(.object([
                    ("type", .string("header")),
                    ("text", .object([("type", .string("plain_text")), ("text", .string(title + suffix)), ("emoji", .bool(true))])),
                ]))
            }
            for section in sections {
                blocks.append(.object([
                    ("type", .string("section")),
                    ("text", .object([("type", .string("mrkdwn")), ("text", .string(section.string))])),
                ]))
            }
            var fallback = ChatText(title + suffix, escaper: .slack)
            if index == 0, !mentions.atoms.isEmpty { fallback += .separator(" ") + mentions }
            if fallback.isBlank { fallback = sections.first ?? .token("message") }
            let text = fallback.trimmed.truncated(limit: Self.maxFallbackLength, measure: .utf16, marker: chatTruncationMarker)
            let body = JSONValue.object([("text", .string(text.string)), ("blocks", .array(blocks))])
            return ChatPayload(body: body.data, part: index + 1, partCount: parts.count)
        }
    }

    /// `<@U123>` for a Slack member ID (`U…`/`W…`), otherwise the escaped `@name`.
    static func mentionToken(_ mention: ChatMention) -> ChatText {
        let handle = mention.handle.trimmingCharacters(in: .whitespaces)
        let valid = handle.count >= 3 && handle.count <= 24 && (handle.first == "U" || handle.first == "W")
            && handle.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        return valid ? .token("<@\(handle)>") : ChatText("@" + mention.name, escaper: .slack)
    }

    static func mentionLine(_ mentions: [ChatMention]) -> ChatText {
        ChatPacking.join(mentions.map(mentionToken), separator: " ")
    }

    /// `• <url|label>` lines; a URL that is not http(s) leaves the label as text.
    static func linkList(_ links: [ChatLink]) -> ChatText {
        ChatPacking.join(links.map { link in
            let label = ChatText(link.shortLabel, escaper: .slack)
            guard let url = link.safeURL else { return .token("• ") + label }
            let escapedURL = url.replacingOccurrences(of: "&", with: "&amp;")
            return .token("• <\(escapedURL)|\(label.string)>")
        }, separator: "\n")
    }
}
