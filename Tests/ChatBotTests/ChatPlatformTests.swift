import ChatBot
import Testing

@Suite("Chat platforms")
struct ChatPlatformTests {
    @Test func rawValues() {
        #expect(ChatPlatform(rawValue: "google-chat") == .googleChat)
        #expect(ChatPlatform.allCases.count == 6)
    }

    @Test("the platform is detected from the webhook URL's host", arguments: [
        ("https://hooks.slack.com/services/T000/B000/XXXX", ChatPlatform.slack),
        ("https://hooks.slack.com.evil.example/services/T000/B000/XXXX", .generic),
        ("https://evilhooks.slack.com/services/T000/B000/XXXX", .generic),
        ("https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y", .teams),
        ("https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s", .teams),
        ("https://default123.12.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?sig=s", .teams),
        ("https://discord.com/api/webhooks/123/token", .discord),
        ("https://discordapp.com/api/webhooks/123/token", .discord),
        ("https://discord.com/api/v10/webhooks/123/token", .discord),
        ("https://discord.com/channels/1/2", .generic),
        ("https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t", .googleChat),
        ("https://chat.example.org/hooks/abc123", .generic),
        ("https://example.org/webhook", .generic),
        ("not a url", .generic),
    ])
    func detection(url: String, expected: ChatPlatform) {
        #expect(ChatPlatform.detect(webhookURL: url) == expected)
    }

    @Test("Mattermost is detected only on a configured host with a /hooks/ path")
    func mattermost() {
        let hosts: Set<String> = ["chat.example.org"]
        #expect(ChatPlatform.detect(webhookURL: "https://chat.example.org/hooks/abc123", mattermostHosts: hosts) == .mattermost)
        #expect(ChatPlatform.detect(webhookURL: "https://CHAT.example.org/hooks/abc123", mattermostHosts: hosts) == .mattermost)
        #expect(ChatPlatform.detect(webhookURL: "https://chat.example.org/other/abc123", mattermostHosts: hosts) == .generic)
        #expect(ChatPlatform.detect(webhookURL: "https://other.example.org/hooks/abc123", mattermostHosts: hosts) == .generic)
    }

    @Test("a configured format overrides detection")
    func override() {
        #expect(ChatPlatform.resolve(webhookURL: "https://hooks.slack.com/services/x", override: .mattermost) == .mattermost)
        #expect(ChatPlatform.resolve(webhookURL: "https://hooks.slack.com/services/x", override: nil) == .slack)
        #expect(ChatPlatform.slack.format.platform == .slack)
        #expect(ChatPlatform.allCases.allSatisfy { $0.format.platform == $0 })
    }
}
