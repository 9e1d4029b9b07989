import AcademyCore
import AcademyStore
import ChatBot
import Foundation

/// Decides the bot's reply to a slash command: a personal answer for the asker (privately), or an answer
/// from the courses that the place it is posted may read.
public struct BotResponder: Sendable {
    public let store: any Store
    public let catalog: Catalog
    public let engine: AnswerEngine
    public let now: @Sendable () -> Date
    /// The characters of a passage quoted in chat.
    public var passageLimit: Int

    public init(store: any Store, catalog: Catalog, engine: AnswerEngine, now: @escaping @Sendable () -> Date, passageLimit: Int = 900) {
        self.store = store
        self.catalog = catalog
        self.engine = engine
        self.now = now
        self.passageLimit = passageLimit
    }

    public func reply(to command: SlashCommand) async throws -> BotReply {
        let text = command.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let personal = PersonalQuestion(text: text) {
            if personal == .help {
                return BotReply(message: PersonalReply.help(command: command.command), isPrivate: true)
            }
            guard let person = try await asker(command) else {
                return BotReply(message: PersonalReply.unknownUser(platform: command.platform.displayName), isPrivate: true)
            }
            let snapshot = try await store.dashboard(personID: person.id ?? 0, at: now())
            let message = PersonalReply(catalog: catalog, now: now()).message(personal, snapshot: snapshot, command: command.command)
            return BotReply(message: message, isPrivate: true)
        }
        let (audience, isPrivate) = try await audience(for: command)
        let result = engine.ask(text, audience: audience)
        return BotReply(message: result.message(passageLimit: passageLimit), isPrivate: isPrivate)
    }

    /// The roster person behind the chat user: Slack by user id, Mattermost by username (then user id).
    func asker(_ command: SlashCommand) async throws -> Person? {
        switch command.platform {
        case .slack:
            return try await store.person(chatPlatform: command.platform.rosterKey, handle: command.userID)
        case .mattermost:
            if !command.userName.isEmpty, let person = try await store.person(chatPlatform: "mattermost", handle: command.userName) {
                return person
            }
            return try await store.person(chatPlatform: "mattermost", handle: command.userID)
        }
    }

    /// Who will read an answer to `command`: a direct message is read by the asker alone (their clearance);
    /// a channel marked internal may read internal content; any other channel public content only.
    /// Confidential content is never posted to a channel.
    func audience(for command: SlashCommand) async throws -> (Classification, isPrivate: Bool) {
        if command.isDirectMessage {
            let clearance = try await asker(command)?.clearance ?? .public
            return (clearance, true)
        }
        let channel = try await command.channel(in: store)
        return (channel?.audience == .internal ? .internal : .public, false)
    }
}
