/// The chat platforms whose incoming webhooks the bot can post to.
public enum ChatPlatform: String, Sendable, CaseIterable, Codable {
    case slack, mattermost, teams, discord, googleChat = "google-chat", generic
}
