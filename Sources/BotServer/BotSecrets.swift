import Foundation

/// The bot server's secrets: Slack's signing secret, Mattermost command tokens, bearer tokens for `/api/ask`.
///
/// Read from the environment or from a `KEY=VALUE` file that only its owner may read (mode 600 or 400);
/// a value is never printed, logged or put in an error, and `description` shows only which are set.
public struct BotSecrets: Sendable, Equatable, CustomStringConvertible {
    public var slackSigningSecret: String?
    public var mattermostTokens: [String]
    public var apiTokens: [String]

    public init(slackSigningSecret: String? = nil, mattermostTokens: [String] = [], apiTokens: [String] = []) {
        self.slackSigningSecret = slackSigningSecret
        self.mattermostTokens = mattermostTokens
        self.apiTokens = apiTokens
    }

    /// The variable names, in the environment and in a secrets file.
    public static let slackKey = "PMO_SLACK_SIGNING_SECRET"
    public static let mattermostKey = "PMO_MATTERMOST_TOKEN"
    public static let apiKey = "PMO_BOT_API_TOKEN"
    public static let fileKey = "PMO_BOT_SECRETS_FILE"

    public var description: String {
        "slack signing secret: \(slackSigningSecret == nil ? "not set" : "set"), "
            + "mattermost tokens: \(mattermostTokens.count), api tokens: \(apiTokens.count)"
    }

    /// Secrets from `file` (or `PMO_BOT_SECRETS_FILE`), then from the environment, which wins.
    /// Several tokens are separated by commas.
    public static func load(environment: [String: String], file: String? = nil) throws -> BotSecrets {
        var values: [String: String] = [:]
        if let path = file ?? environment[fileKey], !path.isEmpty {
            values = try readFile(path)
        }
        for key in [slackKey, mattermostKey, apiKey] {
            if let value = environment[key], !value.isEmpty { values[key] = value }
        }
        func list(_ key: String) -> [String] {
            (values[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let slack = values[slackKey]?.trimmingCharacters(in: .whitespaces)
        return BotSecrets(slackSigningSecret: slack?.isEmpty == false ? slack : nil,
                          mattermostTokens: list(mattermostKey), apiTokens: list(apiKey))
    }

    static func readFile(_ path: String) throws -> [String: String] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw BotSecretsError.unreadable(path) }
        guard info.st_mode & 0o077 == 0 else { throw BotSecretsError.tooOpen(path, mode: info.st_mode & 0o777) }
        guard info.st_uid == getuid() else { throw BotSecretsError.notOwner(path) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BotSecretsError.unreadable(path) }
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw BotSecretsError.malformed(path, line: number + 1) }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            guard [slackKey, mattermostKey, apiKey].contains(key) else {
                throw BotSecretsError.unknownKey(path, line: number + 1, key: String(key.prefix(40)))
            }
            values[key] = value
        }
        return values
    }
}

/// Why the secrets could not be read. Never carries a secret's value.
public enum BotSecretsError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case tooOpen(String, mode: mode_t)
    case notOwner(String)
    case malformed(String, line: Int)
    case unknownKey(String, line: Int, key: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the secrets file \(path); check the path and that you can read it"
        case .tooOpen(let path, let mode):
            "the secrets file \(path) is readable by others (mode \(String(mode, radix: 8))); make it yours alone: chmod 600 \(path)"
        case .notOwner(let path): "the secrets file \(path) belongs to another user; it must be owned by the user running the bot"
        case .malformed(let path, let line): "\(path):\(line): expected KEY=VALUE"
        case .unknownKey(let path, let line, let key):
            "\(path):\(line): unknown key '\(key)'; use \(BotSecrets.slackKey), \(BotSecrets.mattermostKey) or \(BotSecrets.apiKey)"
        }
    }
}
