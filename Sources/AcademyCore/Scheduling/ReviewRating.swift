/// How well a person recalled a review item, on FSRS's four-step scale.
public enum ReviewRating: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Forgotten: the answer was wrong.
    case again = 1
    /// Recalled with serious difficulty.
    case hard = 2
    /// Recalled.
    case good = 3
    /// Recalled easily.
    case easy = 4

    public var description: String {
        switch self {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    /// Parses `1`…`4` or `again`, `hard`, `good`, `easy` (any case).
    public init?(parsing text: some StringProtocol) {
        switch text.lowercased() {
        case "1", "again": self = .again
        case "2", "hard": self = .hard
        case "3", "good": self = .good
        case "4", "easy": self = .easy
        default: return nil
        }
    }
}
