import Foundation

/// The FSRS memory state of one (person, item) pair and when it is next due.
///
/// Mirrors py-fsrs's `Card`: a new card is in `.learning` at step 0 with no stability or
/// difficulty, due at once.
public struct ReviewCard: Sendable, Hashable, Codable {
    public var state: CardState
    /// The learning or relearning step; `nil` in `.review`.
    public var step: Int?
    /// Days for retrievability to fall from 100 % to 90 %; `nil` before the first review.
    public var stability: Double?
    /// 1 (easy) … 10 (hard); `nil` before the first review.
    public var difficulty: Double?
    /// When the card should next be reviewed.
    public var due: Date
    public var lastReview: Date?

    /// A card never reviewed, due at `due` (normally when it was created).
    public init(due: Date) {
        self.init(state: .learning, step: 0, stability: nil, difficulty: nil, due: due, lastReview: nil)
    }

    public init(state: CardState, step: Int?, stability: Double?, difficulty: Double?, due: Date, lastReview: Date?) {
        self.state = state
        self.step = (state == .learning && step == nil) ? 0 : step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
    }

    /// Whether the card is due at `date`.
    public func isDue(at date: Date) -> Bool { due <= date }
}
