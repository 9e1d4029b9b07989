import ChatBot
import Foundation
import Testing

/// Each platform's payload decoded with JSONSerialization and checked against its documented shape.
@Suite("Chat formats: documented payload shapes")
struct ChatPayloadShapeTests {
    static let message = ChatMessage(
        kind: .reviewsDue, title: "3 reviews due",
        paragraphs: ["Your review queue has 3 cards.", "It takes about 4 minutes."],
        links: [ChatLink(label: "Start reviewing", url: "https://academy.example.com/review?unit=pmo&x=1")],
        mentions: [])

    @Test("Slack: text fallback plus header and mrkdwn section blocks")
    func slack() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "U0123ABCD", name: "Ada")])
        let payloads = SlackFormat().payloads(for: message)
        #expect(payloads.count == 1)
        let json = try jsonObject(try #require(payloads.first))
        #expect(Set(json.keys) == ["text", "blocks"])
        let text = try #require(json["text"] as? String)
        #expect(text.hasPrefix("3 reviews due"))
        #expect(text.contains("<@U0123ABCD>"))
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.count == 5)
        let header = try #require(blocks.first)
        #expect(header["type"] as? String == "header")
        let headerText = try #require(header["text"] as? [String: Any])
        #expect(headerText["type"] as? String == "plain_text")
        #expect(headerText["text"] as? String == "3 reviews due")
        #expect(headerText["emoji"] as? Bool == true)
        let sections = blocks.dropFirst()
        for section in sections {
            #expect(section["type"] as? String == "section")
            let object = try #require(section["text"] as? [String: Any])
            #expect(object["type"] as? String == "mrkdwn")
            #expect(object["text"] is String)
        }
        let texts = sections.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
        #expect(texts == ["<@U0123ABCD>", "Your review queue has 3 cards.", "It takes about 4 minutes.",
                          "• <https://academy.example.com/review?unit=pmo&amp;x=1|Start reviewing>"])
    }

    @Test("Mattermost: one Markdown text with **bold** title")
    func mattermost() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "ada.l", name: "Ada")])
        let json = try firstJSON(MattermostFormat(), message)
        #expect(Set(json.keys) == ["text"])
        let text = try #require(json["text"] as? String)
        #expect(text == """
            **3 reviews due**

            @ada.l

            Your review queue has 3 cards.

            It takes about 4 minutes.

            - [Start reviewing](https://academy.example.com/review?unit=pmo&x=1)
            """)
    }

    @Test("Teams Workflows: a message whose attachment is an Adaptive Card 1.4 of wrapped TextBlocks")
    func teams() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "8d3f1c2a-1234-4bcd-9abc-0123456789ab", name: "Ada Lovelace")])
        let json = try firstJSON(TeamsFormat(), message)
        #expect(json["type"] as? String == "message")
        let attachments = try #require(json["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1)
        let attachment = try #require(attachments.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(card["version"] as? String == "1.4")
        let body = try #require(card["body"] as? [[String: Any]])
        #expect(body.count == 4)
        for block in body {
            #expect(block["type"] as? String == "TextBlock")
            #expect(block["wrap"] as? Bool == true)
            #expect(block["text"] is String)
        }
        #expect(body.first?["weight"] as? String == "Bolder")
        #expect(body.first?["text"] as? String == "3 reviews due")
        #expect(body[1]["text"] as? String == "<at>Ada Lovelace</at>")
        let actions = try #require(card["actions"] as? [[String: Any]])
        #expect(actions.count == 1)
        #expect(actions.first?["type"] as? String == "Action.OpenUrl")
        #expect(actions.first?["url"] as? String == "https://academy.example.com/review?unit=pmo&x=1")
        #expect(actions.first?["title"] as? String == "Start reviewing")
        let msteams = try #require(card["msteams"] as? [String: Any])
        let entities = try #require(msteams["entities"] as? [[String: Any]])
        #expect(entities.count == 1)
        #expect(entities.first?["type"] as? String == "mention")
        #expect(entities.first?["text"] as? String == "<at>Ada Lovelace</at>")
        let mentioned = try #require(entities.first?["mentioned"] as? [String: Any])
        #expect(mentioned["id"] as? String == "8d3f1c2a-1234-4bcd-9abc-0123456789ab")
        #expect(mentioned["name"] as? String == "Ada Lovelace")
    }

    @Test("Discord content: content ≤ 2,000 with allowed_mentions parsing nothing but the listed users")
    func discordContent() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "123456789012345678", name: "Ada")])
        let json = try firstJSON(DiscordFormat(), message)
        #expect(Set(json.keys) == ["content", "allowed_mentions"])
        let content = try #require(json["content"] as? String)
        #expect(content.utf16.count <= 2000)
        #expect(content.hasPrefix("**3 reviews due**\n<@123456789012345678>"))
        #expect(content.contains("[Start reviewing](<https://academy.example.com/review?unit=pmo&x=1>)"))
        let allowed = try #require(json["allowed_mentions"] as? [String: Any])
        #expect((allowed["parse"] as? [Any])?.isEmpty == true)
        #expect(allowed["users"] as? [String] == ["123456789012345678"])
    }

    @Test("Discord embeds: mentions in content, text in an embed with title, description and colour")
    func discordEmbeds() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "123456789012345678", name: "Ada")])
        let json = try firstJSON(DiscordFormat(style: .embeds), message)
        #expect(json["content"] as? String == "<@123456789012345678>")
        let embeds = try #require(json["embeds"] as? [[String: Any]])
        #expect(embeds.count == 1)
        #expect(embeds.first?["title"] as? String == "3 reviews due")
        let description = try #require(embeds.first?["description"] as? String)
        #expect(description.hasPrefix("Your review queue has 3 cards."))
        #expect(embeds.first?["color"] is Int)
        let allowed = try #require(json["allowed_mentions"] as? [String: Any])
        #expect((allowed["parse"] as? [Any])?.isEmpty == true)
    }

    @Test("Google Chat: text only, with *bold* title, <users/…> mentions and <url|label> links")
    func googleChat() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "users/112233445566", name: "Ada")])
        let json = try firstJSON(GoogleChatFormat(), message)
        #expect(Set(json.keys) == ["text"])
        let text = try #require(json["text"] as? String)
        #expect(text == """
            *3 reviews due*
            <users/112233445566>

            Your review queue has 3 cards.

            It takes about 4 minutes.

            • <https://academy.example.com/review?unit=pmo&x=1|Start reviewing>
            """)
    }

    @Test("generic JSON: the message as data")
    func generic() throws {
        let message = Self.message.with(mentions: [ChatMention(handle: "ada", name: "Ada")])
        let payloads = GenericJSONFormat().payloads(for: message)
        #expect(payloads.count == 1)
        let json = try jsonObject(try #require(payloads.first))
        #expect(json["kind"] as? String == "reviews-due")
        #expect(json["title"] as? String == "3 reviews due")
        #expect(json["text"] as? String == "3 reviews due\n\nYour review queue has 3 cards.\n\nIt takes about 4 minutes.")
        #expect(json["paragraphs"] as? [String] == ["Your review queue has 3 cards.", "It takes about 4 minutes."])
        let links = try #require(json["links"] as? [[String: String]])
        #expect(links == [["label": "Start reviewing", "url": "https://academy.example.com/review?unit=pmo&x=1"]])
        let mentions = try #require(json["mentions"] as? [[String: String]])
        #expect(mentions == [["handle": "ada", "name": "Ada"]])
    }

    @Test("every platform writes valid JSON for an empty message", arguments: ChatPlatform.allCases)
    func emptyMessage(platform: ChatPlatform) throws {
        let payloads = platform.format.payloads(for: ChatMessage(title: ""))
        #expect(payloads.count == 1)
        _ = try jsonObject(try #require(payloads.first))
    }

    @Test("a payload becomes a JSON webhook request")
    func request() throws {
        let payload = try #require(SlackFormat().payloads(for: Self.message).first)
        let request = payload.request(to: "https://hooks.slack.com/services/T/B/X")
        #expect(request.body == payload.body)
        #expect(request.headers["Content-Type"] == "application/json; charset=utf-8")
    }
}

extension ChatMessage {
    func with(mentions: [ChatMention]) -> ChatMessage {
        var copy = self
        copy.mentions = mentions
        return copy
    }
}
