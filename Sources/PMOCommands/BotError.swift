import ChatBot
import Foundation

/// Errors of the `pmo bot` commands; each says what to do and none names a webhook URL.
enum BotError: Error, LocalizedError, Equatable {
    case invalidChannelName(String)
    case invalidURL
    case emptyURL
    case unknownFormat(String)
    case invalidQuietHours(String)
    case invalidRemindAt(String)
    case unknownTimeZone(String)
    case unknownChannel(String, known: [String])
    case notDead(Int64)
    case testFailed(String)

    var errorDescription: String? {
        switch self {
        case let .invalidChannelName(name):
            "'\(name)' cannot name a channel; use 1 to 64 letters, digits, '.', '_' or '-'"
        case .invalidURL:
            "the webhook url must be an http or https url with a host (it is not repeated here, as it is a secret); copy it again from the chat platform"
        case .emptyURL:
            "no webhook url was read from standard input; pipe it in, e.g. 'pmo bot channel add team --url - < url.txt'"
        case let .unknownFormat(format):
            "unknown chat format '\(format)'; use one of \(ChatPlatform.allCases.map(\.rawValue).joined(separator: ", ")), or leave --format out to detect it from the url"
        case let .invalidQuietHours(text):
            "quiet hours '\(text)' are not HH:MM-HH:MM on a 24-hour clock, such as 20:00-08:00"
        case let .invalidRemindAt(text):
            "reminder time '\(text)' is not HH:MM on a 24-hour clock, such as 09:00"
        case let .unknownTimeZone(zone):
            "unknown time zone '\(zone)'; use an IANA name such as Europe/Berlin or America/New_York"
        case let .unknownChannel(name, known):
            known.isEmpty
                ? "there is no channel '\(name)'; add one with 'pmo bot channel add NAME --url URL'"
                : "there is no channel '\(name)'; the channels are \(known.map { "'\($0)'" }.joined(separator: ", "))"
        case let .notDead(id):
            "outbox message \(id) is not a dead letter; see 'pmo bot outbox --dead' for the ones that can be retried"
        case let .testFailed(reason):
            "the test message was not delivered: \(reason)"
        }
    }
}
