import AcademyStore
import ChatBot

/// A slash command as Slack or Mattermost sends it: who asked, where, what, and where to reply later.
public struct SlashCommand: Sendable, Equatable {
    public enum Platform: String, Sendable {
        case slack, mattermost

        /// The roster's chat column for this platform.
        public var rosterKey: String { rawValue }
        public var chatPlatform: ChatPlatform { self == .slack ? .slack : .mattermost }
        public var displayName: String { self == .slack ? "Slack" : "Mattermost" }
    }

    public var platform: Platform
    public var command: String
    public var text: String
    public var userID: String
    public var userName: String
    public var channelID: String
    public var channelName: String
    public var responseURL: String?

    public init(platform: Platform, command: String, text: String, userID: String, userName: String, channelID: String,
                channelName: String, responseURL: String?) {
        self.platform = platform
        self.command = command
        self.text = text
        self.userID = userID
        self.userName = userName
        self.channelID = channelID
        self.channelName = channelName
        self.responseURL = responseURL
    }

    /// The command from a form body, or nil when a required field is missing.
    public init?(platform: Platform, form: FormFields) {
        guard let userID = form["user_id"], !userID.isEmpty else { return nil }
        self.init(platform: platform, command: form["command"] ?? "/pmo", text: form["text"] ?? "", userID: userID,
                  userName: form["user_name"] ?? "", channelID: form["channel_id"] ?? "", channelName: form["channel_name"] ?? "",
                  responseURL: form["response_url"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// A direct message with the bot, where only the asker reads the answer.
    public var isDirectMessage: Bool {
        switch platform {
        case .slack: channelName == "directmessage" || channelID.hasPrefix("D")
        case .mattermost: channelName.contains("__")  // Mattermost names DM channels "userid1__userid2"
        }
    }

    /// The webhook channel registered for the chat channel this command came from (`--chat-id`), if any.
    public func channel(in store: any Store) async throws -> ChannelRecord? {
        guard !channelID.isEmpty else { return nil }
        return try await store.channels().first { $0.chatID == channelID }
    }
}
