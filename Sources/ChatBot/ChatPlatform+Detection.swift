extension ChatPlatform {
    /// The platform a webhook URL belongs to, from its host (and path where hosts are shared).
    ///
    /// `hooks.slack.com` → Slack; `*.webhook.office.com`, `*.logic.azure.com` and Power Automate
    /// (`*.powerplatform.com` or a `/powerautomate/` path) → Teams; `discord.com`/`discordapp.com`
    /// under `/api/webhooks/` → Discord; `chat.googleapis.com` → Google Chat. Mattermost runs on
    /// the team's own host, so a `/hooks/` URL is Mattermost only when its host is in
    /// `mattermostHosts`; anything else is generic JSON.
    public static func detect(webhookURL: String, mattermostHosts: Set<String> = []) -> ChatPlatform {
        guard let parts = WebhookRedaction.Parts(webhookURL) else { return .generic }
        var host = parts.host
        if host.hasSuffix(".") { host.removeLast() }
        let path = parts.path.lowercased()
        func isHost(_ name: String) -> Bool { host == name || host.hasSuffix("." + name) }

        if host == "hooks.slack.com" || host == "hooks.slack-gov.com" { return .slack }
        if isHost("webhook.office.com") || isHost("logic.azure.com") || isHost("powerplatform.com")
            || (isHost("powerautomate.com") || path.contains("/powerautomate/")) && host.contains(".") {
            return .teams
        }
        if ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"].contains(host),
           path.hasPrefix("/api/webhooks/") || path.range(of: #"^/api/v\d+/webhooks/"#, options: .regularExpression) != nil {
            return .discord
        }
        if host == "chat.googleapis.com" { return .googleChat }
        let configured = Set(mattermostHosts.map { $0.lowercased() })
        if configured.contains(host) || configured.contains(parts.hostAndPort), path.contains("/hooks/") { return .mattermost }
        return .generic
    }

    /// `override` when given, otherwise ``detect(webhookURL:mattermostHosts:)``.
    public static func resolve(webhookURL: String, override: ChatPlatform?, mattermostHosts: Set<String> = []) -> ChatPlatform {
        override ?? detect(webhookURL: webhookURL, mattermostHosts: mattermostHosts)
    }
}
