/// Where a review card is in its life: being learnt, in review, or being relearnt after a lapse.
///
/// The raw values are py-fsrs's `State` values.
public enum CardState: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case learning = 1
    case review = 2
    case relearning = 3

    public var description: String {
        switch self {
        case .learning: "learning"
        case .review: "review"
        case .relearning: "relearning"
        }
    }
}
