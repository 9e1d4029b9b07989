/// A message for a chat channel, independent of the platform that will show it.
///
/// Every text here — title, paragraphs, link labels, names — is treated as untrusted content:
/// each ``ChatFormat`` escapes it for its platform. Only ``mentions`` can notify people, and only
/// through the handles the formatter turns into the platform's mention syntax.
public struct ChatMessage: Sendable, Equatable, Codable {
    /// What the message is about; formats may use it (Discord's embed colour, the generic JSON).
    public var kind: Kind
    /// A short headline, shown bold or as a header.
    public var title: String
    /// Plain-text paragraphs; line breaks inside a paragraph are kept.
    public var paragraphs: [String]
    /// Links shown after the paragraphs; only http and https URLs become links.
    public var links: [ChatLink]
    /// People to notify, by their chat handle on the channel's platform.
    public var mentions: [ChatMention]

    public init(kind: Kind = .notice, title: String, paragraphs: [String] = [], links: [ChatLink] = [], mentions: [ChatMention] = []) {
        self.kind = kind
        self.title = title
        self.paragraphs = paragraphs
        self.links = links
        self.mentions = mentions
    }
}
