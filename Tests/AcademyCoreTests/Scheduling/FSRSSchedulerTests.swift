@testable import AcademyCore
import Foundation
import Testing

extension SchedulingTests {
    @Suite("FSRS scheduler")
    struct FSRSSchedulerTests {
        let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
        let scheduler = FSRSScheduler()

        @Test func aNewCardWalksThroughTheLearningSteps() {
            let card = ReviewCard(due: start)
            #expect(card.state == .learning && card.step == 0 && card.stability == nil)
            let (afterGood, log) = scheduler.review(card, rating: .good, at: start)
            #expect(afterGood.state == .learning && afterGood.step == 1)
            #expect(afterGood.due == start.addingTimeInterval(600))
            #expect(afterGood.stability == FSRSConfiguration.defaultWeights[2])
            #expect(log.stateBefore == .learning && log.elapsedDays == nil && log.scheduledInterval == 600)
            let (afterAgain, _) = scheduler.review(card, rating: .again, at: start)
            #expect(afterAgain.step == 0 && afterAgain.due == start.addingTimeInterval(60))
            let (afterHard, _) = scheduler.review(card, rating: .hard, at: start)
            #expect(afterHard.step == 0 && afterHard.due == start.addingTimeInterval(330))
            let (afterEasy, _) = scheduler.review(card, rating: .easy, at: start)
            #expect(afterEasy.state == .review && afterEasy.step == nil)
            // S0(easy) = w3 = 8.2956 days → an interval of 8 days at 90 % retention.
            #expect(afterEasy.due == start.addingTimeInterval(8 * 86_400))
            // Graduating from the last step.
            let (graduated, _) = scheduler.review(afterGood, rating: .good, at: start.addingTimeInterval(600))
            #expect(graduated.state == .review)
            #expect(graduated.due.timeIntervalSince(start.addingTimeInterval(600)).truncatingRemainder(dividingBy: 86_400) == 0)
        }

        @Test func aLapseGoesToRelearningAndBack() {
            var card = ReviewCard(due: start)
            (card, _) = scheduler.review(card, rating: .easy, at: start)
            let stability = card.stability!
            let later = card.due
            (card, _) = scheduler.review(card, rating: .again, at: later)
            #expect(card.state == .relearning && card.step == 0)
            #expect(card.due == later.addingTimeInterval(600))
            #expect(card.stability! < stability)
            (card, _) = scheduler.review(card, rating: .good, at: later.addingTimeInterval(600))
            #expect(card.state == .review && card.step == nil)
        }

        @Test func intervalGrowsWithStabilityAndRespectsTheBounds() {
            #expect(scheduler.interval(forStability: 0.001) == 1)
            #expect(scheduler.interval(forStability: 10) == 10)  // at 90 % retention the interval equals the stability
            #expect(scheduler.interval(forStability: 1e9) == 36_500)
            let lenient = try! FSRSScheduler(configuration: FSRSConfiguration(desiredRetention: 0.8))
            #expect(lenient.interval(forStability: 10) > 10)
        }

        @Test func retrievabilityFallsToNinetyPercentAfterStabilityDays() {
            var card = ReviewCard(due: start)
            (card, _) = scheduler.review(card, rating: .easy, at: start)
            #expect(scheduler.retrievability(of: card, at: start) == 1)
            let s = card.stability!
            let atS = scheduler.retrievability(of: card, at: start.addingTimeInterval(86_400 * s.rounded(.down)))
            #expect(atS > 0.9 && atS < 0.92)
            #expect(scheduler.retrievability(of: ReviewCard(due: start), at: start) == 0)
        }

        @Test func wholeDaysRoundDownLikeTimedelta() {
            #expect(FSRSScheduler.wholeDays(from: start, to: start.addingTimeInterval(86_399)) == 0)
            #expect(FSRSScheduler.wholeDays(from: start, to: start.addingTimeInterval(86_400)) == 1)
            #expect(FSRSScheduler.wholeDays(from: start, to: start.addingTimeInterval(-1)) == -1)
        }

        @Test func fuzzStaysInPyFSRSRangeAndFollowsTheGenerator() throws {
            let fuzzy = try FSRSScheduler(configuration: FSRSConfiguration(enableFuzzing: true))
            var card = ReviewCard(due: start)
            (card, _) = scheduler.review(card, rating: .easy, at: start)
            let review = card.due.addingTimeInterval(86_400 * 3)
            let plain = scheduler.review(card, rating: .good, at: review).card
            let days = Int(plain.due.timeIntervalSince(review) / 86_400)
            #expect(days > 20)
            // delta = 1 + 0.15·4.5 + 0.1·13 + 0.05·(days − 20)
            let delta = 1 + 0.675 + 1.3 + 0.05 * Double(days - 20)
            var seen = Set<Int>()
            for seed in 0..<100 {
                var generator = SeededGenerator(seed: UInt64(seed))
                let fuzzed = fuzzy.review(card, rating: .good, at: review, using: &generator).card
                let fuzzedDays = fuzzed.due.timeIntervalSince(review) / 86_400
                #expect(fuzzedDays == fuzzedDays.rounded())
                #expect(abs(fuzzedDays - Double(days)) <= delta + 1)
                seen.insert(Int(fuzzedDays))
            }
            #expect(seen.count > 3)
            var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
            #expect(fuzzy.review(card, rating: .good, at: review, using: &a).card
                == fuzzy.review(card, rating: .good, at: review, using: &b).card)
            // Fuzz off: the generator is ignored.
            var c = SeededGenerator(seed: 1)
            #expect(scheduler.review(card, rating: .good, at: review, using: &c).card == plain)
        }

        @Test func invalidSettingsAreRejectedWithEveryProblem() {
            var configuration = FSRSConfiguration()
            configuration.weights[20] = 2
            configuration.desiredRetention = 1.2
            configuration.learningSteps = [0]
            #expect(throws: FSRSConfigurationError.self) { try FSRSScheduler(configuration: configuration) }
            #expect(configuration.problems().count == 3)
            #expect(FSRSConfiguration().problems().isEmpty)
            #expect(FSRSConfiguration(weights: [1, 2]).problems() == ["expected 21 weights, got 2"])
        }

        @Test func ratingsParse() {
            #expect(ReviewRating(parsing: "Good") == .good)
            #expect(ReviewRating(parsing: "1") == .again)
            #expect(ReviewRating(parsing: "5") == nil)
        }
    }

    @Suite("Rating policy")
    struct RatingPolicyTests {
        @Test func wrongIsAgainRightIsGoodFastIsEasy() {
            let policy = RatingPolicy.default
            #expect(policy.rating(correct: false, seconds: 2) == .again)
            #expect(policy.rating(correct: true, seconds: 30) == .good)
            #expect(policy.rating(correct: true, seconds: nil) == .good)
            #expect(policy.rating(correct: true, seconds: 4) == .easy)
            #expect(policy.rating(correct: true, seconds: 10) == .good)
            #expect(RatingPolicy(easyBelowSeconds: nil).rating(correct: true, seconds: 1) == .good)
        }
    }
}
