import ChatBot
import Foundation
import Testing

/// Text from people and content must not become mentions, links or markup on any platform.
@Suite("Chat formats: escaping")
struct ChatEscapingTests {
    static let hostile = "Hi <!channel> <!here> <@U999> <https://evil.example|click> [click](https://evil.example) @everyone @here @channel @all <users/all> <at>Eve</at> & done"
    static let message = ChatMessage(title: "Title <!channel> & @everyone", paragraphs: [hostile])
    static let zws = "\u{200B}"

    /// Every string value anywhere in a JSON payload.
    private func strings(_ payload: ChatPayload) throws -> [String] {
        func walk(_ value: Any) -> [String] {
            if let string = value as? String { return [string] }
            if let array = value as? [Any] { return array.flatMap(walk) }
            if let object = value as? [String: Any] { return object.values.flatMap(walk) }
            return []
        }
        return walk(try JSONSerialization.jsonObject(with: payload.body))
    }

    @Test("Slack: only & < > are escaped, in every mrkdwn text")
    func slack() throws {
        let payload = try #require(SlackFormat().payloads(for: Self.message).first)
        let json = try jsonObject(payload)
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        let section = try #require((blocks.last?["text"] as? [String: Any])?["text"] as? String)
        #expect(section == "Hi &lt;!channel&gt; &lt;!here&gt; &lt;@U999&gt; &lt;https://evil.example|click&gt; [click](https://evil.example) @everyone @here @channel @all &lt;users/all&gt; &lt;at&gt;Eve&lt;/at&gt; &amp; done")
        let fallback = try #require(json["text"] as? String)
        #expect(fallback == "Title &lt;!channel&gt; &amp; @everyone")
        // The header is plain_text, which Slack never parses for mentions or links.
        let header = try #require(blocks.first?["text"] as? [String: Any])
        #expect(header["type"] as? String == "plain_text")
        for text in try strings(payload) where text != header["text"] as? String {
            #expect(!text.contains("<!"))
            #expect(!text.contains("<@"))
            #expect(!text.contains("<http"))
        }
    }

    @Test("Mattermost: & < > escaped, @-mentions and Markdown links broken")
    func mattermost() throws {
        let text = try #require(try firstJSON(MattermostFormat(), Self.message)["text"] as? String)
        #expect(!text.contains("<!channel>"))
        #expect(text.contains("&lt;!channel&gt;"))
        #expect(text.contains("&lt;https://evil.example|click&gt;"))
        for word in ["everyone", "here", "channel", "all"] {
            #expect(!text.contains(" @\(word)"))
            #expect(text.contains(" @\(Self.zws)\(word)"))
        }
        #expect(!text.contains("](https://evil"))
        #expect(text.contains("&amp; done"))
    }

    @Test("Mattermost keeps e-mail addresses intact")
    func mattermostEmail() throws {
        let payload = try #require(MattermostFormat().payloads(for: ChatMessage(title: "", paragraphs: ["write to ada@example.com"])).first)
        #expect(try jsonObject(payload)["text"] as? String == "write to ada@example.com")
    }

    @Test("Discord: nothing parsed, @everyone and @here neutralised, Markdown and <@…> escaped")
    func discord() throws {
        for style in DiscordFormat.Style.allCases {
            let payload = try #require(DiscordFormat(style: style).payloads(for: Self.message).first)
            let json = try jsonObject(payload)
            let allowed = try #require(json["allowed_mentions"] as? [String: Any])
            #expect((allowed["parse"] as? [Any])?.isEmpty == true)
            #expect((allowed["users"] as? [Any])?.isEmpty == true)
            for text in try strings(payload) {
                #expect(!text.contains("@everyone"))
                #expect(!text.contains("@here"))
                #expect(!text.contains("<@U999>"))
                #expect(!text.contains("[click](https"))
            }
            let all = try strings(payload).joined(separator: " ")
            #expect(all.contains("@\(Self.zws)everyone"))
            #expect(all.contains("\\<@U999\\>"))
            #expect(all.contains("\\[click\\](https://evil.example)"))
        }
    }

    @Test("Google Chat: <users/all>, mentions and links from content neutralised")
    func googleChat() throws {
        let text = try #require(try firstJSON(GoogleChatFormat(), Self.message)["text"] as? String)
        #expect(!text.contains("<users/all>"))
        #expect(text.contains("<\(Self.zws)users/all>"))
        #expect(!text.contains("<https://evil"))
        #expect(!text.contains("<!channel>"))
    }

    @Test("Teams: no <at> mention and no Markdown link from content")
    func teams() throws {
        let payload = try #require(TeamsFormat().payloads(for: Self.message).first)
        for text in try strings(payload) {
            #expect(!text.contains("<at>"))
            #expect(!text.contains("](https"))
        }
        let card = try #require(((try jsonObject(payload)["attachments"] as? [[String: Any]])?.first?["content"]) as? [String: Any])
        #expect((card["msteams"] as? [String: Any])?["entities"] == nil)
    }

    @Test("mentions come only from valid handles", arguments: ChatPlatform.allCases.filter { $0 != .generic })
    func mentionsOnlyFromHandles(platform: ChatPlatform) throws {
        let message = ChatMessage(title: "x", mentions: [
            ChatMention(handle: "<!channel>", name: "<!here>"),
            ChatMention(handle: "users/all", name: "@everyone"),
            ChatMention(handle: "all", name: "<users/all>"),
            ChatMention(handle: "everyone", name: "<at>x</at>"),
        ])
        let payload = try #require(platform.format.payloads(for: message).first)
        var forbidden = ["<!channel>", "<!here>", "<users/all>", "<at>", "<@everyone>"]
        if platform == .discord { forbidden += ["@everyone", "@here"] }
        if platform == .mattermost { forbidden += ["@all", "@everyone", "@channel", "@here"] }
        for text in try strings(payload) {
            for forbidden in forbidden {
                #expect(!text.contains(forbidden), "\(platform): \(text)")
            }
        }
    }

    @Test("valid handles become each platform's mention")
    func validMentions() throws {
        func text(_ format: some ChatFormat, _ handle: String) throws -> String {
            let payload = try #require(format.payloads(for: ChatMessage(title: "t", mentions: [ChatMention(handle: handle, name: "Ada")])).first)
            return payload.text
        }
        #expect(try text(SlackFormat(), "U0123ABCD").contains("<@U0123ABCD>"))
        #expect(try text(SlackFormat(), "u0123abcd").contains("@Ada"))
        #expect(try text(DiscordFormat(), "123456789012345678").contains("<@123456789012345678>"))
        #expect(try text(DiscordFormat(), "12345").contains("@Ada"))
        #expect(try text(MattermostFormat(), "@ada.lovelace").contains("@ada.lovelace"))
        #expect(try text(GoogleChatFormat(), "users/123456").contains("<users/123456>"))
        #expect(try text(GoogleChatFormat(), "123456").contains("<users/123456>"))
        #expect(try text(TeamsFormat(), "ada@example.com").contains("<at>Ada</at>"))
    }

    @Test("only http and https links are linked; link-breaking characters are encoded")
    func links() throws {
        let message = ChatMessage(title: "t", links: [
            ChatLink(label: "js", url: "javascript:alert(1)"),
            ChatLink(label: "pipe", url: "https://ok.example/a|b>c<d"),
            ChatLink(label: "space", url: "https://ok.example/a b"),
        ])
        let slack = try #require(SlackFormat().payloads(for: message).first).text
        #expect(!slack.contains("javascript:"))
        #expect(slack.contains("<https://ok.example/a%7Cb%3Ec%3Cd|pipe>"))
        #expect(!slack.contains("https://ok.example/a b"))
        let generic = try firstJSON(GenericJSONFormat(), message)
        #expect((generic["links"] as? [Any])?.count == 1)
    }

    @Test("control characters and bidirectional overrides are removed")
    func controlCharacters() throws {
        let message = ChatMessage(title: "a\u{202E}b", paragraphs: ["x\u{0000}y\u{001B}[31mz\r\nw"])
        let text = try #require(try firstJSON(MattermostFormat(), message)["text"] as? String)
        #expect(text == "**ab**\n\nxy[31mz\nw")
    }
}
