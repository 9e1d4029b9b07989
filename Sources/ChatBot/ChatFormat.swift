/// Encodes a ``ChatMessage`` as the JSON body one chat platform's incoming webhook accepts.
///
/// A message longer than the platform's limits becomes several payloads, posted in order;
/// beyond ``maxParts`` the last part ends with `… (truncated)`.
public protocol ChatFormat: Sendable {
    /// The platform this format writes for.
    var platform: ChatPlatform { get }
    /// The most payloads one message becomes.
    var maxParts: Int { get }
    /// The payloads for `message`, in posting order; never empty.
    func payloads(for message: ChatMessage) -> [ChatPayload]
}

/// The marker that ends a message cut at a limit; see ``ChatPayload/truncationMarker``.
let chatTruncationMarker = "… (truncated)"

extension ChatFormat {
    /// The part suffix of a title, ` (2/3)`, or empty for a single part.
    func partSuffix(_ part: Int, of count: Int) -> String {
        count > 1 ? " (\(part)/\(count))" : ""
    }

    /// The longest part suffix this format can write.
    var longestPartSuffix: String { " (\(maxParts)/\(maxParts))" }

    /// The title, trimmed, on one line and cut to `limit` characters with `…`.
    func shortTitle(_ title: String, limit: Int) -> String {
        let line = ChatEscaper.clean(title).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        guard line.count > limit else { return line }
        return String(line.prefix(max(0, limit - 1))).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Each paragraph escaped and split to at most `limit`.
    func paragraphSegments(_ message: ChatMessage, escaper: ChatEscaper, limit: Int, measure: ChatMeasure) -> [ChatText] {
        message.paragraphs.flatMap { ChatText($0, escaper: escaper).split(limit: limit, measure: measure) }
    }
}

extension ChatFormat {
    /// The payloads of a platform whose webhook takes one `{"text": …}` string (Mattermost, Google Chat):
    /// mentions, then the paragraphs, then the links, laid out by `layout` under the title in `bold` markers.
    func textPayloads(_ message: ChatMessage, escaper: ChatEscaper, bold: String, layout: ChatTextLayout,
                      mention: (ChatMention) -> ChatText, links: ([ChatLink]) -> ChatText) -> [ChatPayload] {
        let title = shortTitle(message.title, limit: 256)
        var segments: [ChatText] = []
        let mentions = ChatPacking.join(message.mentions.map(mention), separator: " ")
        if !mentions.atoms.isEmpty { segments.append(mentions) }
        segments += message.paragraphs.map { ChatText($0, escaper: escaper) }
        segments.append(links(message.links))
        let texts = layout.parts(title: { suffix in
            title.isEmpty ? nil : .token(bold) + ChatText(title + suffix, escaper: escaper) + .token(bold)
        }, segments: segments)
        return texts.enumerated().map { index, text in
            ChatPayload(body: JSONValue.object([("text", .string(text.string))]).data, part: index + 1, partCount: texts.count)
        }
    }
}
