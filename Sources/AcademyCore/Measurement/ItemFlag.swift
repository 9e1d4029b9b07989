/// A reason to look at an item again.
public enum ItemFlag: String, Sendable, Hashable, Codable, CaseIterable {
    /// Corrected item–total correlation below zero: stronger people get it wrong more often; a wrong key or a broken item.
    case negativeDiscrimination = "negative-discrimination"
    /// Facility below the lower bound (default 0.1): almost nobody gets it right.
    case tooHard = "too-hard"
    /// Facility above the upper bound (default 0.95): almost everybody gets it right.
    case tooEasy = "too-easy"
    /// Infit mean-square outside 0.7…1.3 or outfit above 1.5 (the defaults): responses the model does not explain.
    case misfit
}
