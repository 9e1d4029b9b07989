import Foundation

extension ChatMessage {
    /// One message that carries several: what a channel gets when reminders are due together.
    ///
    /// Equal titles are said once with a count (`Reviews due (3)`); different ones become
    /// `3 reminders` and lead each message's first paragraph. Mentions and links are kept once each.
    public static func merging(_ messages: [ChatMessage]) -> ChatMessage {
        guard let first = messages.first else { return ChatMessage(title: "") }
        guard messages.count > 1 else { return first }
        let sameTitle = messages.allSatisfy { $0.title == first.title }
        let sameKind = messages.allSatisfy { $0.kind == first.kind }
        var paragraphs: [String] = []
        for message in messages {
            if sameTitle {
                paragraphs += message.paragraphs
            } else if let lead = message.paragraphs.first {
                paragraphs.append("\(message.title): \(lead)")
                paragraphs += message.paragraphs.dropFirst()
            } else {
                paragraphs.append(message.title)
            }
        }
        var mentions: [ChatMention] = []
        for mention in messages.flatMap(\.mentions) where !mentions.contains(mention) { mentions.append(mention) }
        var links: [ChatLink] = []
        for link in messages.flatMap(\.links) where !links.contains(where: { $0.url == link.url }) { links.append(link) }
        return ChatMessage(kind: sameKind ? first.kind : .notice,
                           title: sameTitle ? "\(first.title) (\(messages.count))" : "\(messages.count) reminders",
                           paragraphs: paragraphs, links: links, mentions: mentions)
    }
}
