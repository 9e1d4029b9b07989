import Foundation

/// Turns an answer into an FSRS rating: wrong → again, right → good, right and fast → easy.
public struct RatingPolicy: Sendable, Hashable, Codable {
    /// A right answer given in fewer seconds than this is rated `.easy`; `nil` never rates easy.
    public var easyBelowSeconds: Double?

    /// The default: a right answer in under 10 seconds is easy.
    public static let `default` = RatingPolicy(easyBelowSeconds: 10)

    public init(easyBelowSeconds: Double?) {
        self.easyBelowSeconds = easyBelowSeconds
    }

    /// The rating for an answer that was `correct`, given in `seconds` when known.
    public func rating(correct: Bool, seconds: Double?) -> ReviewRating {
        guard correct else { return .again }
        if let threshold = easyBelowSeconds, let seconds, seconds.isFinite, seconds >= 0, seconds < threshold {
            return .easy
        }
        return .good
    }
}
