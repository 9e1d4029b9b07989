/// Microsoft Teams Workflows (Power Automate) webhooks: a `message` whose attachment is an
/// Adaptive Card 1.4 of wrapped `TextBlock`s.
///
/// A post carries ≤ about 28 KB; each payload keeps its texts under ``maxTextBytes`` (counted as
/// written in JSON). Links become `Action.OpenUrl` buttons (at most ``maxActions``; the rest are
/// listed as text); mentions are `<at>name</at>` with `msteams.entities`.
public struct TeamsFormat: ChatFormat {
    public static let maxTextBytes = 24_000
    public static let maxActions = 6
    public static let maxTitleLength = 256
    /// The JSON a TextBlock adds around its text, counted against ``maxTextBytes``.
    static let blockOverhead = 48

    public var platform: ChatPlatform { .teams }
    public var maxParts: Int

    public init(maxParts: Int = 10) {
        self.maxParts = max(1, maxParts)
    }

    public func payloads(for message: ChatMessage) -> [ChatPayload] {
        let title = shortTitle(message.title, limit: Self.maxTitleLength - longestPartSuffix.count)
        let titleCost = title.isEmpty ? 0 : ChatText(title + longestPartSuffix, escaper: .teams).cost(.jsonUTF8) + Self.blockOverhead
        let mentions = message.mentions.map(Self.mention)
        let budget = Self.maxTextBytes - titleCost - mentions.reduce(0) { $0 + $1.entityCost }
        let segmentLimit = budget - Self.blockOverhead

        var segments: [ChatText] = []
        let mentionLine = ChatPacking.join(mentions.map(\.text), separator: " ")
        if !mentionLine.atoms.isEmpty { segments += mentionLine.split(limit: segmentLimit, measure: .jsonUTF8) }
        segments += paragraphSegments(message, escaper: .teams, limit: segmentLimit, measure: .jsonUTF8)
        let buttons = message.links.filter { $0.safeURL != nil }.prefix(Self.maxActions)
        let listed = message.links.filter { link in !buttons.contains(link) }
        segments += Self.linkList(listed).split(limit: segmentLimit, measure: .jsonUTF8)

        let packing = ChatPacking(limit: budget, segmentLimit: segmentLimit, separatorCost: Self.blockOverhead,
                                  measure: .jsonUTF8, maxParts: maxParts)
        var parts = packing.pack(segments)
        if parts.isEmpty { parts = [[]] }
        return parts.enumerated().map { index, blocks in
            var body: [JSONValue] = []
            if !title.isEmpty {
                let heading = ChatText(title + partSuffix(index + 1, of: parts.count), escaper: .teams)
                body.append(Self.textBlock(heading.string, heading: true))
            }
            body += blocks.map { Self.textBlock($0.string, heading: false) }
            var card: [(String, JSONValue)] = [
                ("$schema", .string("http://adaptivecards.io/schemas/adaptive-card.json")),
                ("type", .string("AdaptiveCard")),
                ("version", .string("1.4")),
                ("body", .array(body)),
            ]
            if index == parts.count - 1, !buttons.isEmpty {
                card.append(("actions", .array(buttons.compactMap { link in
                    link.safeURL.map { url in
                        .object([("type", .string("Action.OpenUrl")), ("title", .string(link.shortLabel)), ("url", .string(url))])
                    }
                })))
            }
            var teams: [(String, JSONValue)] = [("width", .string("Full"))]
            let used = mentions.filter { mention in
                mention.entity != nil && blocks.contains { $0.string.contains(mention.text.string) }
            }
            if !used.isEmpty { teams.append(("entities", .array(used.compactMap(\.entity)))) }
            card.append(("msteams", .object(teams)))
            let attachment = JSONValue.object([
                ("contentType", .string("application/vnd.microsoft.card.adaptive")),
                ("contentUrl", .null),
                ("content", .object(card)),
            ])
            let payload = JSONValue.object([("type", .string("message")), ("attachments", .array([attachment]))])
            return ChatPayload(body: payload.data, part: index + 1, partCount: parts.count)
        }
    }

    static func textBlock(_ text: String, heading: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = [("type", .string("TextBlock")), ("text", .string(text)), ("wrap", .bool(true))]
        if heading {
            fields += [("weight", .string("Bolder")), ("size", .string("Medium"))]
        }
        return .object(fields)
    }

    /// A mention's text in the card and its `msteams.entities` entry, when the handle is valid.
    struct Mention {
        var text: ChatText
        var entity: JSONValue?
        var entityCost: Int { entity.map { ChatMeasure.jsonUTF8.cost($0.serialized) } ?? 0 }
    }

    /// `<at>name</at>` plus its entity for an Entra object ID or a UPN; otherwise `@name` text.
    static func mention(_ mention: ChatMention) -> Mention {
        let handle = mention.handle.trimmingCharacters(in: .whitespaces)
        let name = ChatEscaper.teams.escape(mention.name.replacingOccurrences(of: "\n", with: " "))
        guard isUserID(handle), !name.isEmpty else {
            return Mention(text: ChatText("@" + mention.name, escaper: .teams), entity: nil)
        }
        let text = "<at>\(name)</at>"
        let entity = JSONValue.object([
            ("type", .string("mention")),
            ("text", .string(text)),
            ("mentioned", .object([("id", .string(handle)), ("name", .string(name))])),
        ])
        return Mention(text: .token(text), entity: entity)
    }

    /// An Entra (Azure AD) object ID or a user principal name.
    static func isUserID(_ handle: String) -> Bool {
        let hex = Set("0123456789abcdefABCDEF")
        let groups = handle.split(separator: "-", omittingEmptySubsequences: false)
        if groups.map(\.count) == [8, 4, 4, 4, 12], groups.allSatisfy({ $0.allSatisfy(hex.contains) }) { return true }
        let parts = handle.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && handle.count <= 256
            && handle.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-+@'".contains($0)) }
    }

    /// `label: url` lines for links beyond the buttons (a bare URL is linked by Teams).
    static func linkList(_ links: [ChatLink]) -> ChatText {
        ChatPacking.join(links.map { link in
            let label = ChatText(link.shortLabel, escaper: .teams)
            guard let url = link.safeURL else { return label }
            return label + .token(": \(url)")
        }, separator: "\n\n")
    }
}
