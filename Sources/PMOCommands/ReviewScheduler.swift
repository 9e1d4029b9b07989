import AcademyCore
import AcademyStore
import Foundation

/// Keeps one FSRS review card per (person, item): created on the first answer, rescheduled on every answer.
struct ReviewScheduler {
    let context: LearnerContext
    var scheduler = FSRSScheduler()
    var policy = RatingPolicy.default

    init(context: LearnerContext) {
        self.context = context
    }

    /// Reviews the card of `item` with the rating the answer earns (wrong → Again, right → Good, right and fast → Easy).
    func record(itemID: String, correct: Bool, seconds: Double, at date: Date) async throws {
        let store = context.store
        let person = context.person.personID
        var card = ReviewCard(due: date)
        if let stored = try await store.reviewCard(personID: person, itemID: itemID),
           let decoded = try? JSONDecoder().decode(ReviewCard.self, from: stored.state) {
            card = decoded
        }
        let rating = policy.rating(correct: correct, seconds: seconds)
        let (next, _) = scheduler.review(card, rating: rating, at: date, duration: seconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await store.saveReviewCard(ReviewCardRecord(personID: person, itemID: itemID, due: next.due,
                                                        state: try encoder.encode(next), updatedAt: date))
    }
}
