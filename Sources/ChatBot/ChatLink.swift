import Foundation

/// A labelled link in a ``ChatMessage``.
public struct ChatLink: Sendable, Equatable, Codable {
    /// The text shown; escaped like any other content.
    public var label: String
    /// The target; only an http or https URL without spaces or control characters is linked.
    public var url: String

    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }

    /// The longest URL turned into a link.
    public static let maxURLLength = 2048
    /// The longest label shown; longer ones are cut with `…`.
    public static let maxLabelLength = 200

    /// The URL made safe to embed in link syntax, or nil when it must not become a link.
    ///
    /// Characters that end or split link syntax on some platform (`<`, `>`, `|`, `(`, `)`, quotes,
    /// backslash, backtick, brackets) are percent-encoded; `&` is left for the formats to escape.
    var safeURL: String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= Self.maxURLLength,
              let parts = WebhookRedaction.Parts(trimmed),
              parts.scheme == "http" || parts.scheme == "https",
              !parts.host.isEmpty,
              trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !($0.value >= 0x80 && $0.value < 0xA0) })
        else { return nil }
        var safe = ""
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case "<", ">", "|", "(", ")", "\"", "'", "\\", "`", "[", "]", "{", "}", "^":
                safe += String(format: "%%%02X", scalar.value)
            default:
                if scalar.value > 0x7E || scalar.properties.isWhitespace {
                    safe += String(scalar).addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
                } else {
                    safe.unicodeScalars.append(scalar)
                }
            }
        }
        return safe
    }

    /// The label, cut to ``maxLabelLength`` and never empty.
    var shortLabel: String {
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
        if trimmed.isEmpty { return "link" }
        return trimmed.count > Self.maxLabelLength ? String(trimmed.prefix(Self.maxLabelLength - 1)) + "…" : trimmed
    }
}
