import ChatBot
import Foundation
import Testing

/// Length limits: split into several payloads or cut with a visible marker.
@Suite("Chat formats: limits, splitting and truncation")
struct ChatSplittingTests {
    /// Words `w0 w1 …` up to `count`.
    static func words(_ count: Int, prefix: String = "w") -> String {
        (0..<count).map { "\(prefix)\($0)" }.joined(separator: " ")
    }

    private func slackSections(_ payload: ChatPayload) throws -> [String] {
        let blocks = try #require(try jsonObject(payload)["blocks"] as? [[String: Any]])
        return blocks.filter { $0["type"] as? String == "section" }.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
    }

    @Test("Slack: a long paragraph becomes sections of ≤ 3,000 characters, cut between words")
    func slackSectionSplit() throws {
        let paragraph = Self.words(1500)
        let payloads = SlackFormat().payloads(for: ChatMessage(title: "t", paragraphs: [paragraph]))
        #expect(payloads.count == 1)
        let sections = try slackSections(try #require(payloads.first))
        #expect(sections.count >= 3)
        #expect(sections.allSatisfy { $0.utf16.count <= SlackFormat.maxSectionLength })
        #expect(sections.joined(separator: " ") == paragraph)
    }

    @Test("Slack: escaping counts toward the limit and is never cut inside an entity")
    func slackEscapedSplit() throws {
        let payloads = SlackFormat().payloads(for: ChatMessage(title: "t", paragraphs: [String(repeating: "&", count: 2000)]))
        let sections = try slackSections(try #require(payloads.first))
        #expect(sections.count == 4)
        for section in sections {
            #expect(section.utf16.count <= SlackFormat.maxSectionLength)
            #expect(section.replacingOccurrences(of: "&amp;", with: "").isEmpty)
        }
        #expect(sections.joined().count == 2000 * 5)
    }

    @Test("Slack: more than 50 blocks become numbered payloads, in order")
    func slackBlockLimit() throws {
        let paragraphs = (0..<120).map { "paragraph \($0)" }
        let payloads = SlackFormat().payloads(for: ChatMessage(title: "Digest", paragraphs: paragraphs))
        #expect(payloads.count == 3)
        var seen: [String] = []
        for (index, payload) in payloads.enumerated() {
            #expect(payload.part == index + 1)
            #expect(payload.partCount == 3)
            let blocks = try #require(try jsonObject(payload)["blocks"] as? [[String: Any]])
            #expect(blocks.count <= SlackFormat.maxBlocks)
            let header = (blocks.first?["text"] as? [String: Any])?["text"] as? String
            #expect(header == "Digest (\(index + 1)/3)")
            #expect((try jsonObject(payload)["text"] as? String) == "Digest (\(index + 1)/3)")
            seen += try slackSections(payload)
        }
        #expect(seen == paragraphs)
    }

    @Test("Slack: a header longer than 150 characters is cut with …")
    func slackHeader() throws {
        let payload = try #require(SlackFormat().payloads(for: ChatMessage(title: String(repeating: "a", count: 400))).first)
        let blocks = try #require(try jsonObject(payload)["blocks"] as? [[String: Any]])
        let header = try #require((blocks.first?["text"] as? [String: Any])?["text"] as? String)
        #expect(header.count <= SlackFormat.maxHeaderLength)
        #expect(header.hasSuffix("…"))
    }

    @Test("beyond maxParts the last payload ends with … (truncated)", arguments: [
        SlackFormat(maxParts: 2) as any ChatFormat, MattermostFormat(maxParts: 2), DiscordFormat(maxParts: 2),
        DiscordFormat(style: .embeds, maxParts: 2), GoogleChatFormat(maxParts: 2), TeamsFormat(maxParts: 2),
    ])
    func truncation(format: any ChatFormat) throws {
        let paragraphs = (0..<400).map { "paragraph \($0): " + Self.words(40) }
        let payloads = format.payloads(for: ChatMessage(title: "Long", paragraphs: paragraphs))
        #expect(payloads.count == 2, "\(format.platform)")
        let last = try #require(payloads.last)
        #expect(last.text.contains("… (truncated)"), "\(format.platform)")
        #expect(!(try #require(payloads.first)).text.contains("… (truncated)"))
    }

    @Test("Discord: content stays ≤ 2,000 UTF-16 units, emoji included")
    func discordContentLimit() throws {
        let message = ChatMessage(title: "Emoji", paragraphs: [String(repeating: "😀 ", count: 1500), Self.words(800)])
        let payloads = DiscordFormat().payloads(for: message)
        #expect(payloads.count > 1)
        var total = ""
        for payload in payloads {
            let content = try #require(try jsonObject(payload)["content"] as? String)
            #expect(content.utf16.count <= DiscordFormat.maxContentLength)
            total += content
        }
        #expect(total.filter { $0 == "😀" }.count == 1500)
    }

    @Test("Discord embeds: description ≤ 4,096 and title ≤ 256")
    func discordEmbedLimits() throws {
        let message = ChatMessage(title: String(repeating: "t", count: 1000), paragraphs: [Self.words(3000)])
        for payload in DiscordFormat(style: .embeds).payloads(for: message) {
            let embed = try #require((try jsonObject(payload)["embeds"] as? [[String: Any]])?.first)
            #expect((embed["title"] as? String)?.utf16.count ?? 0 <= DiscordFormat.maxEmbedTitleLength)
            #expect((embed["description"] as? String)?.utf16.count ?? 0 <= DiscordFormat.maxEmbedDescriptionLength)
        }
    }

    @Test("Mattermost: posts stay ≤ 16,383 characters")
    func mattermostLimit() throws {
        let payloads = MattermostFormat().payloads(for: ChatMessage(title: "t", paragraphs: [Self.words(10_000)]))
        #expect(payloads.count > 1)
        for payload in payloads {
            #expect((try jsonObject(payload)["text"] as? String)?.utf16.count ?? .max <= MattermostFormat.maxTextLength)
        }
    }

    @Test("Google Chat: text stays ≤ 32,000 bytes, multi-byte characters included")
    func googleChatLimit() throws {
        let payloads = GoogleChatFormat().payloads(for: ChatMessage(title: "t", paragraphs: [String(repeating: "é ", count: 30_000)]))
        #expect(payloads.count > 1)
        var count = 0
        for payload in payloads {
            let text = try #require(try jsonObject(payload)["text"] as? String)
            #expect(text.utf8.count <= GoogleChatFormat.maxTextBytes)
            count += text.filter { $0 == "é" }.count
        }
        #expect(count == 30_000)
    }

    @Test("Teams: each payload stays under 28 KB")
    func teamsLimit() throws {
        let message = ChatMessage(title: "t", paragraphs: (0..<20).map { _ in String(repeating: "\"quoted\" ", count: 1000) })
        let payloads = TeamsFormat().payloads(for: message)
        #expect(payloads.count > 1)
        for payload in payloads {
            #expect(payload.body.count < 28_000)
            _ = try jsonObject(payload)
        }
    }

    @Test("a single word longer than the limit is cut between characters")
    func longWord() throws {
        let payloads = DiscordFormat().payloads(for: ChatMessage(title: "", paragraphs: [String(repeating: "x", count: 4500)]))
        #expect(payloads.count == 3)
        let contents = try payloads.map { try #require(try jsonObject($0)["content"] as? String) }
        #expect(contents.allSatisfy { $0.utf16.count <= 2000 })
        #expect(contents.joined().count == 4500)
    }
}
