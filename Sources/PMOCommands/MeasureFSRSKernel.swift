import AcademyCore
import Foundation

extension PMO.Measure {
    /// A card's FSRS state in 40 bytes, for replaying millions of reviews (a `ReviewCard` takes 80).
    struct ReplayCard {
        /// Present once the card has been reviewed (`reviewed`), like `lastReview`.
        var stability: Double
        var difficulty: Double
        var due: Date
        var lastReview: Date
        /// The learning or relearning step; -1 for none.
        var step: Int32
        /// `CardState.rawValue`.
        var state: UInt8
        /// Whether stability, difficulty and last review are set (a `ReviewCard` has them all or none).
        var reviewed: Bool

        /// A card never reviewed, due at `due`: `ReviewCard(due:)`.
        init(due: Date) {
            stability = 0
            difficulty = 0
            self.due = due
            lastReview = due
            step = 0
            state = UInt8(CardState.learning.rawValue)
            reviewed = false
        }

        init(_ card: ReviewCard) {
            stability = card.stability ?? 0
            difficulty = card.difficulty ?? 0
            due = card.due
            lastReview = card.lastReview ?? card.due
            step = card.step.map { Int32(truncatingIfNeeded: $0) } ?? -1
            state = UInt8(card.state.rawValue)
            reviewed = card.lastReview != nil
        }

        var reviewCard: ReviewCard {
            ReviewCard(state: CardState(rawValue: Int(state)) ?? .learning, step: step < 0 ? nil : Int(step),
                       stability: reviewed ? stability : nil, difficulty: reviewed ? difficulty : nil,
                       due: due, lastReview: reviewed ? lastReview : nil)
        }
    }

    /// `FSRSScheduler.review` without fuzz, on `ReplayCard`s, for `pmo measure fsrs`.
    ///
    /// The same formulas in the same evaluation order with the same libm calls (`pow` with the same
    /// arguments), the same rounding and the same `Date` arithmetic as `FSRSScheduler`, so the
    /// results are the same to the bit; it saves the optionals, the review log and the copies of an
    /// 80-byte card. A class, so that the replay loop holds a reference rather than copies of its
    /// constants. `init?` replays a probe log of 1,536 reviews through both and returns
    /// `nil` on any difference (were `FSRSScheduler` to change), and the caller then uses the scheduler.
    final class FSRSKernel: Sendable {
        private let w6, w7, w9, w10, w11, w12, w13, w14, w15, w16, w19: Double
        private let decay, factor, retentionTerm, easyInitialDifficulty, expW8, shortTermForgetDivisor: Double
        /// Per rating 1…4: the initial stability and (clamped) difficulty, and e^(w17·(G−3+w18)).
        private let initialStability: [Double]
        private let initialDifficulty: [Double]
        private let shortTermGrowth: [Double]
        private let learningSteps: [TimeInterval]
        private let relearningSteps: [TimeInterval]
        private let maximumInterval: Int

        init?(_ scheduler: FSRSScheduler) {
            let configuration = scheduler.configuration
            guard !configuration.enableFuzzing, configuration.problems().isEmpty else { return nil }
            let w = configuration.weights
            let e = M_E
            (w6, w7, w9, w10, w11, w12, w13, w14, w15, w16, w19) = (w[6], w[7], w[9], w[10], w[11], w[12], w[13], w[14], w[15], w[16], w[19])
            decay = -w[20]
            factor = pow(0.9, 1 / decay) - 1
            retentionTerm = pow(configuration.desiredRetention, 1 / decay) - 1
            easyInitialDifficulty = w[4] - pow(e, w[5] * Double(ReviewRating.easy.rawValue - 1)) + 1
            expW8 = pow(e, w[8])
            shortTermForgetDivisor = pow(e, w[17] * w[18])
            let ratings = ReviewRating.allCases.sorted { $0.rawValue < $1.rawValue }
            shortTermGrowth = ratings.map { pow(e, w[17] * (Double($0.rawValue - 3) + w[18])) }
            initialStability = ratings.map { max(w[$0.rawValue - 1], FSRSConfiguration.minimumStability) }
            initialDifficulty = ratings.map { min(max(w[4] - pow(M_E, w[5] * Double($0.rawValue - 1)) + 1, 1), 10) }
            learningSteps = configuration.learningSteps
            relearningSteps = configuration.relearningSteps
            maximumInterval = configuration.maximumInterval
            guard agrees(with: scheduler) else { return nil }
        }

        /// Reviews `card` with `rating` (1…4) at `date`, as `FSRSScheduler.review(_:rating:at:)` does.
        @inline(__always)
        func review(_ card: inout ReplayCard, rating: Int, at date: Date) {
            let days = card.reviewed ? FSRSKernel.wholeDays(from: card.lastReview, to: date) : 0
            let interval: TimeInterval
            switch card.state {
            case 1:  // learning
                let step = card.step < 0 ? 0 : Int(card.step)
                if card.reviewed {
                    let stability = card.stability, difficulty = card.difficulty
                    card.stability = days < 1
                        ? shortTermStability(stability, rating: rating)
                        : nextStability(difficulty: difficulty, stability: stability,
                                        retrievability: retrievability(card, days: days), rating: rating)
                    card.difficulty = nextDifficulty(difficulty, rating: rating)
                } else {
                    card.stability = initialStability[rating - 1]
                    card.difficulty = initialDifficulty[rating - 1]
                }
                interval = stepInterval(&card, step: step, rating: rating, steps: learningSteps)
            case 2:  // review
                updateMemory(&card, days: days, rating: rating)
                if rating == 1, !relearningSteps.isEmpty {
                    card.state = 3
                    card.step = 0
                    interval = relearningSteps[0]
                } else {
                    interval = Double(self.interval(forStability: card.stability)) * 86_400
                }
            default:  // relearning
                let step = card.step < 0 ? 0 : Int(card.step)
                updateMemory(&card, days: days, rating: rating)
                interval = stepInterval(&card, step: step, rating: rating, steps: relearningSteps)
            }
            card.due = date.addingTimeInterval(interval)
            card.lastReview = date
            card.reviewed = true
        }

        /// Stability and difficulty after a review of a card in the review or relearning state; a card
        /// never reviewed starts from the initial values for `rating`.
        @inline(__always)
        private func updateMemory(_ card: inout ReplayCard, days: Int, rating: Int) {
            let stability = card.reviewed ? card.stability : initialStability[rating - 1]
            let difficulty = card.reviewed ? card.difficulty : initialDifficulty[rating - 1]
            card.stability = card.reviewed && days < 1
                ? shortTermStability(stability, rating: rating)
                : nextStability(difficulty: difficulty, stability: stability,
                                retrievability: retrievability(card, days: days), rating: rating)
            card.difficulty = nextDifficulty(difficulty, rating: rating)
        }

        /// (1 + F·t/S)^DECAY with the card's stability before this review and t = max(0, `days`), the
        /// whole days since its last review; 0 for a card never reviewed.
        @inline(__always)
        private func retrievability(_ card: ReplayCard, days: Int) -> Double {
            guard card.reviewed else { return 0 }
            let elapsed = max(0, days)
            return pow(1 + factor * Double(elapsed) / card.stability, decay)
        }

        @inline(__always)
        private func interval(forStability stability: Double) -> Int {
            let raw = (stability / factor) * retentionTerm
            let rounded = raw.rounded(.toNearestOrEven)
            guard rounded.isFinite else { return maximumInterval }
            return min(max(Int(rounded), 1), maximumInterval)
        }

        @inline(__always)
        private func stepInterval(_ card: inout ReplayCard, step: Int, rating: Int, steps: [TimeInterval]) -> TimeInterval {
            if steps.isEmpty || (step >= steps.count && rating != 1) {
                card.state = 2
                card.step = -1
                return Double(interval(forStability: card.stability)) * 86_400
            }
            switch rating {
            case 1:
                card.step = 0
                return steps[0]
            case 2:
                card.step = Int32(truncatingIfNeeded: step)
                if step == 0 && steps.count == 1 { return FSRSKernel.microseconds(steps[0] * 1.5) }
                if step == 0 { return FSRSKernel.microseconds((steps[0] + steps[1]) / 2.0) }
                return steps[step]
            case 3:
                if step + 1 == steps.count {
                    card.state = 2
                    card.step = -1
                    return Double(interval(forStability: card.stability)) * 86_400
                }
                card.step = Int32(truncatingIfNeeded: step + 1)
                return steps[step + 1]
            default:
                card.state = 2
                card.step = -1
                return Double(interval(forStability: card.stability)) * 86_400
            }
        }

        @inline(__always)
        private func shortTermStability(_ stability: Double, rating: Int) -> Double {
            var increase = shortTermGrowth[rating - 1] * pow(stability, -w19)
            if rating != 1 { increase = max(increase, 1.0) }
            return max(stability * increase, FSRSConfiguration.minimumStability)
        }

        @inline(__always)
        private func nextDifficulty(_ difficulty: Double, rating: Int) -> Double {
            let delta = -(w6 * Double(rating - 3))
            let damped = difficulty + (10.0 - difficulty) * delta / 9.0
            return min(max(w7 * easyInitialDifficulty + (1 - w7) * damped, 1), 10)
        }

        @inline(__always)
        private func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: Int) -> Double {
            if rating == 1 {
                let longTerm = w11 * pow(difficulty, -w12) * (pow(stability + 1, w13) - 1)
                    * pow(M_E, (1 - retrievability) * w14)
                let shortTerm = stability / shortTermForgetDivisor
                return max(min(longTerm, shortTerm), FSRSConfiguration.minimumStability)
            }
            let hardPenalty = rating == 2 ? w15 : 1
            let easyBonus = rating == 4 ? w16 : 1
            let growth = expW8 * (11 - difficulty) * pow(stability, -w9) * (pow(M_E, (1 - retrievability) * w10) - 1)
                * hardPenalty * easyBonus
            return max(stability * (1 + growth), FSRSConfiguration.minimumStability)
        }

        /// Whole days from `from` to `to`, rounded down, counted in microseconds (`timedelta.days`).
        @inline(__always)
        static func wholeDays(from: Date, to: Date) -> Int {
            let micro = (to.timeIntervalSince(from) * 1_000_000).rounded()
            return Int((micro / 86_400_000_000).rounded(.down))
        }

        @inline(__always)
        static func microseconds(_ seconds: TimeInterval) -> TimeInterval {
            (seconds * 1_000_000).rounded(.toNearestOrEven) / 1_000_000
        }

        // MARK: The probe

        /// Replays a probe log through this kernel and through `scheduler`; true when every state
        /// after every review is the same to the bit. The log mixes every rating with same-day,
        /// on-time, late and very late reviews and fractional seconds, so it passes through every
        /// branch of the scheduler.
        private func agrees(with scheduler: FSRSScheduler) -> Bool {
            let gaps: [Double] = [0, 1, 30, 59.5, 60, 61, 90, 300, 600, 601, 3_599.25, 3_600, 43_200, 86_399, 86_400,
                                  86_401, 129_600, 172_800, 259_200.5, 604_800, 864_000, 2_592_000, 7_776_000, 31_536_000,
                                  157_680_000, 3_153_600_000]
            var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next() -> Int {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(truncatingIfNeeded: seed >> 33)
            }
            for card in 0..<64 {
                let start = 1_704_067_200.0 + Double(card) * 7_919.5
                var reference = ReviewCard(due: Date(timeIntervalSince1970: start))
                var fast = ReplayCard(due: reference.due)
                var time = start
                for review in 0..<24 {
                    // Mostly reviews near the due time (as real logs), else any gap.
                    if review > 0 {
                        if next() % 3 == 0 {
                            time += gaps[next() % gaps.count]
                        } else {
                            let due = reference.due.timeIntervalSince1970
                            time = max(time, due + Double(next() % 7 - 3) * 3_600 * Double(1 + next() % 48))
                        }
                    }
                    let rating = 1 + next() % 4
                    let date = Date(timeIntervalSince1970: time)
                    reference = scheduler.review(reference, rating: ReviewRating(rawValue: rating) ?? .good, at: date).card
                    self.review(&fast, rating: rating, at: date)
                    guard FSRSKernel.same(fast.reviewCard, reference) else { return false }
                }
            }
            return true
        }

        private static func same(_ lhs: ReviewCard, _ rhs: ReviewCard) -> Bool {
            func bits(_ value: Double?) -> UInt64? { value?.bitPattern }
            return lhs.state == rhs.state && lhs.step == rhs.step && bits(lhs.stability) == bits(rhs.stability)
                && bits(lhs.difficulty) == bits(rhs.difficulty)
                && lhs.due.timeIntervalSinceReferenceDate.bitPattern == rhs.due.timeIntervalSinceReferenceDate.bitPattern
                && bits(lhs.lastReview?.timeIntervalSinceReferenceDate) == bits(rhs.lastReview?.timeIntervalSinceReferenceDate)
        }
    }
}
