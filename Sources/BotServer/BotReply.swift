import ChatBot

/// What the bot answers: a message, and whether only the asker may see it.
public struct BotReply: Sendable, Equatable {
    public var message: ChatMessage
    /// Shown to the asker alone (Slack and Mattermost `ephemeral`), not to the channel.
    public var isPrivate: Bool

    public init(message: ChatMessage, isPrivate: Bool) {
        self.message = message
        self.isPrivate = isPrivate
    }
}
