/// A person to notify, by the chat handle their team recorded for the channel's platform.
///
/// Handles are checked per platform: a Slack member ID (`U0123ABCD`), a Discord user ID
/// (a snowflake of digits), a Mattermost username, a Teams user's Entra object ID or UPN, a Google
/// Chat `users/…` ID. A handle that does not fit is shown as `@name` text and notifies nobody.
public struct ChatMention: Sendable, Equatable, Codable {
    /// The platform's identifier for the person.
    public var handle: String
    /// The display name, used where the platform needs one and as the fallback text.
    public var name: String

    public init(handle: String, name: String) {
        self.handle = handle
        self.name = name
    }
}
