import ChatBot
import Foundation

/// A reply as the JSON bodies Slack and Mattermost take for a slash command: the platform's message payload
/// with `response_type` `ephemeral` (the asker alone) or `in_channel`.
public enum ReplyPayload {
    public static func bodies(for reply: BotReply, platform: SlashCommand.Platform) -> [Data] {
        platform.chatPlatform.format.payloads(for: reply.message).map { payload in
            guard var object = (try? JSONSerialization.jsonObject(with: payload.body)) as? [String: Any] else { return payload.body }
            object["response_type"] = reply.isPrivate ? "ephemeral" : "in_channel"
            return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? payload.body
        }
    }

    /// The immediate acknowledgement when the answer will follow through `response_url`.
    public static func acknowledgement(platform: SlashCommand.Platform) -> Data {
        let object: [String: Any] = ["response_type": "ephemeral", "text": "Looking that up…"]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
