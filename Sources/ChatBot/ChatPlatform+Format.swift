extension ChatPlatform {
    /// The platform's formatter with default settings (Discord: `content` style).
    public var format: any ChatFormat {
        switch self {
        case .slack: SlackFormat()
        case .mattermost: MattermostFormat()
        case .teams: TeamsFormat()
        case .discord: DiscordFormat()
        case .googleChat: GoogleChatFormat()
        case .generic: GenericJSONFormat()
        }
    }
}
