import ArgumentParser

extension PMO {
    /// `pmo bot …`: chat channels, the outbox, delivery and reminders (administrators).
    struct Bot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bot",
            abstract: "Chat reminders: channels, the outbox, delivery (administrators).",
            discussion: """
            Reminders are planned into a durable outbox and posted to chat webhooks (Slack, Mattermost, Microsoft \
            Teams, Discord, Google Chat, generic JSON) with retries, rate limits and quiet hours. Webhook URLs are \
            secrets: they are stored, never shown. See docs/chat.md.
            """,
            subcommands: [Channel.self, Remind.self, Deliver.self, Outbox.self, Retry.self, Serve.self, Ask.self]
        )
    }
}
