/// How a platform counts a length limit.
enum ChatMeasure: Sendable {
    /// UTF-16 code units: never fewer than the characters Slack, Discord and Mattermost count.
    case utf16
    /// UTF-8 bytes: Google Chat's byte limit on a message's text.
    case utf8
    /// UTF-8 bytes once written as a JSON string: Teams' limit on the whole payload.
    case jsonUTF8

    func cost(_ text: String) -> Int {
        switch self {
        case .utf16: text.utf16.count
        case .utf8: text.utf8.count
        case .jsonUTF8: text.utf8.count + text.unicodeScalars.reduce(0) { $0 + Self.jsonEscapeExtra($1) }
        }
    }

    /// Bytes a scalar gains when ``JSONValue`` writes it.
    private static func jsonEscapeExtra(_ scalar: Unicode.Scalar) -> Int {
        switch scalar {
        case "\"", "\\", "\n", "\r", "\t": 1
        case "\u{2028}", "\u{2029}": 3
        default: scalar.value < 0x20 ? 5 : 0
        }
    }
}
