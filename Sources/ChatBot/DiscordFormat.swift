/// Discord webhooks: `content` (≤ 2,000 characters) or an embed, always with
/// `allowed_mentions: {"parse": []}` so that only the listed users can be pinged.
public struct DiscordFormat: ChatFormat {
    /// How the message is laid out.
    public enum Style: String, Sendable, CaseIterable {
        /// Markdown in `content`; notifications show the text.
        case content
        /// Mentions in `content`, the text in one embed per payload (title ≤ 256, description ≤ 4,096).
        case embeds
    }

    public static let maxContentLength = 2000
    public static let maxEmbedTitleLength = 256
    public static let maxEmbedDescriptionLength = 4096
    public static let maxAllowedUsers = 100

    public var platform: ChatPlatform { .discord }
    public var maxParts: Int
    public var style: Style

    public init(style: Style = .content, maxParts: Int = 10) {
        self.style = style
        self.maxParts = max(1, maxParts)
    }

    public func payloads(for message: ChatMessage) -> [ChatPayload] {
        let title = shortTitle(message.title, limit: Self.maxEmbedTitleLength - longestPartSuffix.count)
        let mentions = ChatPacking.join(message.mentions.map(Self.mentionToken), separator: " ")
        let users = Self.userIDs(message.mentions)
        var segments = message.paragraphs.map { ChatText($0, escaper: .discord) }
        segments.append(Self.linkList(message.links))

        switch style {
        case .content:
            let layout = ChatTextLayout(limit: Self.maxContentLength, measure: .utf16, maxParts: maxParts, titleSeparator: "\n")
            let texts = layout.parts(title: { suffix in
                title.isEmpty ? nil : .token("**") + ChatText(title + suffix, escaper: .discord) + .token("**")
            }, segments: (mentions.atoms.isEmpty ? [] : [mentions]) + segments)
            return texts.enumerated().map { index, text in
                payload([("content", .string(text.string))], users: users, part: index + 1, of: texts.count)
            }
        case .embeds:
            let layout = ChatTextLayout(limit: Self.maxEmbedDescriptionLength, measure: .utf16, maxParts: maxParts)
            let descriptions = layout.parts(title: { _ in nil }, segments: segments)
            return descriptions.enumerated().map { index, description in
                let suffix = partSuffix(index + 1, of: descriptions.count)
                let heading = ChatText(title + suffix, escaper: .discord)
                    .truncated(limit: Self.maxEmbedTitleLength, measure: .utf16, marker: "…")
                var embed: [(String, JSONValue)] = []
                if !heading.isBlank { embed.append(("title", .string(heading.string))) }
                if !description.isBlank { embed.append(("description", .string(description.string))) }
                embed.append(("color", .int(Self.colour(message.kind))))
                var fields: [(String, JSONValue)] = []
                if index == 0, !mentions.atoms.isEmpty {
                    let content = mentions.truncated(limit: Self.maxContentLength, measure: .utf16, marker: chatTruncationMarker)
                    fields.append(("content", .string(content.string)))
                }
                fields.append(("embeds", .array([.object(embed)])))
                return payload(fields, users: users, part: index + 1, of: descriptions.count)
            }
        }
    }

    private func payload(_ fields: [(String, JSONValue)], users: [String], part: Int, of count: Int) -> ChatPayload {
        let allowed = JSONValue.object([("parse", .array([])), ("users", .array(users.map { .string($0) }))])
        return ChatPayload(body: JSONValue.object(fields + [("allowed_mentions", allowed)]).data, part: part, partCount: count)
    }

    /// A Discord user ID: a snowflake of 15–21 digits.
    static func isUserID(_ handle: String) -> Bool {
        (15...21).contains(handle.count) && handle.allSatisfy { ("0"..."9").contains($0) }
    }

    /// `<@id>` for a valid user ID, otherwise the escaped `@name`.
    static func mentionToken(_ mention: ChatMention) -> ChatText {
        let handle = mention.handle.trimmingCharacters(in: .whitespaces)
        return isUserID(handle) ? .token("<@\(handle)>") : ChatText("@" + mention.name, escaper: .discord)
    }

    /// The user IDs that may be pinged: the valid mention handles, at most 100.
    static func userIDs(_ mentions: [ChatMention]) -> [String] {
        var seen = Set<String>()
        return mentions.map { $0.handle.trimmingCharacters(in: .whitespaces) }
            .filter { isUserID($0) && seen.insert($0).inserted }
            .prefix(maxAllowedUsers).map { $0 }
    }

    /// `- [label](<url>)` lines (the angle brackets stop link previews).
    static func linkList(_ links: [ChatLink]) -> ChatText {
        ChatPacking.join(links.map { link in
            let label = ChatText(link.shortLabel, escaper: .discord).string
            guard let url = link.safeURL else { return .token("- " + label) }
            return .token("- [\(label)](<\(url)>)")
        }, separator: "\n")
    }

    /// An embed colour per message kind.
    static func colour(_ kind: ChatMessage.Kind) -> Int {
        switch kind {
        case .reviewsDue: 0x3B82F6
        case .assignmentsDue: 0xF59E0B
        case .inactivity: 0x6B7280
        case .maturityDue: 0x8B5CF6
        case .digest: 0x10B981
        case .answer: 0x14B8A6
        default: 0x5865F2
        }
    }
}
