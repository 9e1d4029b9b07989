import Foundation

/// Raised when an FSRS scheduler is given settings it cannot work with.
public struct FSRSConfigurationError: Error, LocalizedError, Sendable, Hashable {
    /// What is wrong, one lowercase message per problem.
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var errorDescription: String? {
        "invalid FSRS settings: " + problems.joined(separator: "; ") + "; fix them or use the defaults"
    }
}
