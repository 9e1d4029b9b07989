@testable import AcademyCore
import Foundation
import Testing

extension SchedulingTests {
    @Suite("FSRS against py-fsrs")
    struct FSRSGoldenTests {
        @Test func dueTimesEqualPyFSRSOverTenThousandReviews() throws {
            let golden = try GoldenVectors.load("fsrs", as: GoldenVectors.FSRS.self)
            #expect(golden.parameters == FSRSConfiguration.defaultWeights)
            #expect(golden.desired_retention == 0.9)
            #expect(golden.reviews.count == 10_000)
            let scheduler = FSRSScheduler()
            var cards = golden.cards_created.map { ReviewCard(due: Date(timeIntervalSince1970: $0)) }
            var dueMismatches = 0, stateMismatches = 0
            var worstMemory = 0.0
            for (review, expected) in zip(golden.reviews, golden.expected) {
                let index = Int(review[0])
                let rating = try #require(ReviewRating(rawValue: Int(review[1])))
                let (card, log) = scheduler.review(cards[index], rating: rating, at: Date(timeIntervalSince1970: review[2]))
                cards[index] = card
                let due = (card.due.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000
                if due != expected[0] { dueMismatches += 1 }
                if card.state.rawValue != Int(expected[1]) || (card.step ?? -1) != Int(expected[2]) { stateMismatches += 1 }
                let stability = try #require(card.stability), difficulty = try #require(card.difficulty)
                worstMemory = max(worstMemory, abs(stability - expected[3]) / expected[3], abs(difficulty - expected[4]) / expected[4])
                #expect(log.rating == rating)
            }
            #expect(dueMismatches == 0)
            #expect(stateMismatches == 0)
            #expect(worstMemory <= 1e-12, "largest relative difference in stability or difficulty: \(worstMemory)")
        }
    }
}
