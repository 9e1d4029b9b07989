import Foundation

/// Keeps webhook secrets out of logs, errors and stored platform answers.
///
/// A webhook URL is a bearer credential: Slack's and Discord's path tokens, Teams' `sig=`,
/// Zulip's `api_key=` and Google Chat's `key=`/`token=` each let anyone post. Only the scheme
/// and host (and a port) are ever shown.
public enum WebhookRedaction {
    /// The mask that replaces a secret.
    public static let mask = "…"

    /// `scheme://host[:port]/…` — the URL with user info, path, query and fragment masked.
    ///
    /// An unparsable URL becomes `<invalid url>`, never the input itself.
    public static func redacted(_ url: String) -> String {
        guard let parts = Parts(url) else { return "<invalid url>" }
        return parts.hasSecretPart ? "\(parts.scheme)://\(parts.hostAndPort)/\(mask)" : "\(parts.scheme)://\(parts.hostAndPort)"
    }

    /// `text` with every secret-looking part of `url` replaced by the mask.
    ///
    /// Used on response bodies before they are kept: a receiver that echoes the request path
    /// in its error page must not put the token into the outbox's last error.
    public static func scrub(_ text: String, secretsOf url: String) -> String {
        // Secrets are at least four characters (`Parts.secrets`): short answers such as Slack's "ok" cannot hold one.
        guard text.utf8.count >= 4 else { return text }
        var secrets = Set<String>([url])
        if let parts = Parts(url) {
            secrets.formUnion(parts.secrets)
        }
        for secret in Array(secrets) {
            if let decoded = secret.removingPercentEncoding { secrets.insert(decoded) }
        }
        var result = text
        for secret in secrets.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: mask)
        }
        return result
    }

    /// A URL split by hand, so that parsing never fails differently from how it is shown.
    struct Parts {
        var scheme: String
        var userInfo: String
        var hostAndPort: String
        var host: String
        /// Everything after the authority: path, query and fragment.
        var rest: String

        init?(_ url: String) {
            let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let separator = trimmed.range(of: "://") else { return nil }
            let scheme = trimmed[..<separator.lowerBound].lowercased()
            guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
            let afterScheme = trimmed[separator.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { "/?#".contains($0) }) ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            var hostAndPort = authority
            var userInfo = Substring("")
            if let at = authority.lastIndex(of: "@") {
                userInfo = authority[..<at]
                hostAndPort = authority[authority.index(after: at)...]
            }
            guard !hostAndPort.isEmpty,
                  hostAndPort.allSatisfy({ $0.isLetter || $0.isNumber || "-.:[]_".contains($0) }) else { return nil }
            self.scheme = scheme
            self.userInfo = String(userInfo)
            self.hostAndPort = hostAndPort.lowercased()
            if hostAndPort.hasPrefix("["), let close = hostAndPort.firstIndex(of: "]") {
                self.host = String(hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]).lowercased()
            } else {
                self.host = String(hostAndPort.split(separator: ":", maxSplits: 1).first ?? hostAndPort).lowercased()
            }
            self.rest = String(afterScheme[authorityEnd...])
        }

        /// The path alone, without query or fragment.
        var path: String {
            String(rest.prefix(while: { $0 != "?" && $0 != "#" }))
        }

        /// The query string without `?`, or empty.
        var query: String {
            guard let question = rest.firstIndex(of: "?") else { return "" }
            return String(rest[rest.index(after: question)...].prefix(while: { $0 != "#" }))
        }

        /// True when there is anything but an empty path after the host.
        var hasSecretPart: Bool { !(rest.isEmpty || rest == "/") || !userInfo.isEmpty }

        /// The parts worth masking wherever they appear.
        var secrets: Set<String> {
            var result = Set<String>()
            if !userInfo.isEmpty { result.insert(userInfo) }
            if hasSecretPart {
                result.insert(rest)
                if path.count > 1 { result.insert(path) }
                if !query.isEmpty { result.insert(query) }
            }
            for segment in path.split(separator: "/") where Self.looksSecret(segment) {
                result.insert(String(segment))
            }
            for pair in query.split(separator: "&") {
                let value = pair.split(separator: "=", maxSplits: 1).dropFirst().first ?? ""
                if value.count >= 4 { result.insert(String(value)) }
            }
            return result
        }

        /// Tokens, ids and signatures: long, or mixing digits or capitals into a segment.
        static func looksSecret(_ segment: Substring) -> Bool {
            if segment.count >= 16 { return true }
            guard segment.count >= 6 else { return false }
            return segment.contains(where: { $0.isNumber || $0.isUppercase })
        }
    }
}
