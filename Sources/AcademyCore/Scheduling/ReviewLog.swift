import Foundation

/// One review as it happened: what the card was, the rating, and what was scheduled.
public struct ReviewLog: Sendable, Hashable, Codable {
    public var rating: ReviewRating
    public var reviewedAt: Date
    /// How long the answer took, if known.
    public var duration: TimeInterval?
    /// The card's state before the review.
    public var stateBefore: CardState
    /// Whole days since the previous review (floored, as py-fsrs counts them); `nil` on the first.
    public var elapsedDays: Int?
    /// Time from this review to the new due date.
    public var scheduledInterval: TimeInterval

    public init(rating: ReviewRating, reviewedAt: Date, duration: TimeInterval?, stateBefore: CardState,
                elapsedDays: Int?, scheduledInterval: TimeInterval) {
        self.rating = rating
        self.reviewedAt = reviewedAt
        self.duration = duration
        self.stateBefore = stateBefore
        self.elapsedDays = elapsedDays
        self.scheduledInterval = scheduledInterval
    }
}
