import Foundation

/// Errors a command reports to the person at the terminal; each says what to do.
enum PMOError: Error, LocalizedError {
    case invalidConfiguration
    case noContent(String)
    case invalidContent(errors: Int, directory: String)
    case unknown(kind: String, id: String, suggestions: [String])
    case notAdmin(action: String)
    case notCleared(course: String)
    case attemptOpenElsewhere(owner: String, command: String)
    case nothingToDo(String)
    case outOfScope(String)

    var errorDescription: String? {
        switch self {
        case .invalidConfiguration:
            "the configuration has errors (listed above); fix them in the file or variable named"
        case let .noContent(directory):
            "no content found: '\(directory)' has no Courses/ and Assessments/; pass --content DIR or set PMO_CONTENT"
        case let .invalidContent(errors, directory):
            "the content in '\(directory)' has \(errors) error\(errors == 1 ? "" : "s"); run 'pmo content validate' to see them all"
        case let .notAdmin(action):
            "only an administrator may \(action); ask your PMO to run the command for you"
        case let .notCleared(course):
            "course '\(course)' is confidential and you are not cleared for it; ask your PMO for access"
        case let .attemptOpenElsewhere(owner, command):
            "this session is open in another terminal (\(owner)); finish it there, or close that terminal and run '\(command)' again"
        case let .nothingToDo(message):
            message
        case let .outOfScope(what):
            "\(what) is outside the people and units you may see; ask an administrator" 
        case let .unknown(kind, id, suggestions):
            suggestions.isEmpty
                ? "unknown \(kind) '\(id)'; run 'pmo courses' to see what exists"
                : "unknown \(kind) '\(id)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
        }
    }
}
