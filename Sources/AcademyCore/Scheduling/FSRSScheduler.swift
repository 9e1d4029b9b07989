import Foundation

/// The FSRS-6 spaced-repetition scheduler, reproducing py-fsrs's `Scheduler.review_card`.
///
/// Every formula is evaluated in the same order and with the same libm calls as py-fsrs
/// (`math.e ** x` is `pow(e, x)`, intervals are rounded half to even like Python's `round`,
/// elapsed time is counted in whole days rounded down like `timedelta.days`), so that with fuzz
/// off the due times are identical; the golden tests check this over 10,000 reviews.
/// Sub-expressions that do not depend on the card are computed once, with the same calls, which
/// gives the same bits.
public struct FSRSScheduler: Sendable {
    public let configuration: FSRSConfiguration

    private let w: [Double]
    private let decay: Double
    private let factor: Double
    /// `desired_retention ** (1 / DECAY) - 1`, the per-stability interval factor.
    private let retentionTerm: Double
    /// `_initial_difficulty(Easy, clamp: false)`, the mean-reversion target.
    private let easyInitialDifficulty: Double
    /// `e ** w8`.
    private let expW8: Double
    /// `e ** (w17 * w18)`.
    private let shortTermForgetDivisor: Double
    /// `e ** (w17 * (rating - 3 + w18))` for each rating.
    private let shortTermGrowth: [Double]

    /// A scheduler with the default settings (fuzz off).
    public init() {
        // The defaults are valid, so this cannot fail.
        self.init(uncheckedConfiguration: .default)
    }

    /// A scheduler with `configuration`; throws when a weight is out of FSRS's bounds or a step is not positive.
    public init(configuration: FSRSConfiguration) throws(FSRSConfigurationError) {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw FSRSConfigurationError(problems: problems) }
        self.init(uncheckedConfiguration: configuration)
    }

    private init(uncheckedConfiguration configuration: FSRSConfiguration) {
        self.configuration = configuration
        let w = configuration.weights
        self.w = w
        let e = M_E
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        retentionTerm = pow(configuration.desiredRetention, 1 / decay) - 1
        easyInitialDifficulty = w[4] - pow(e, w[5] * Double(ReviewRating.easy.rawValue - 1)) + 1
        expW8 = pow(e, w[8])
        shortTermForgetDivisor = pow(e, w[17] * w[18])
        shortTermGrowth = ReviewRating.allCases.map { pow(e, w[17] * (Double($0.rawValue - 3) + w[18])) }
    }

    /// Reviews `card` with `rating` at `date`; returns the updated card and the log of the review.
    ///
    /// Fuzz is applied only when the configuration enables it, and then needs `review(_:rating:at:duration:using:)`;
    /// this overload never fuzzes.
    public func review(_ card: ReviewCard, rating: ReviewRating, at date: Date,
                       duration: TimeInterval? = nil) -> (card: ReviewCard, log: ReviewLog) {
        var none = NoFuzz()
        return review(card, rating: rating, at: date, duration: duration, fuzz: false, using: &none)
    }

    /// Reviews `card`, fuzzing a review interval with `generator` when the configuration enables fuzz.
    public func review(_ card: ReviewCard, rating: ReviewRating, at date: Date, duration: TimeInterval? = nil,
                       using generator: inout some RandomNumberGenerator) -> (card: ReviewCard, log: ReviewLog) {
        review(card, rating: rating, at: date, duration: duration, fuzz: configuration.enableFuzzing, using: &generator)
    }

    /// The probability that `card` is recalled at `date`: (1 + F·t/S)^DECAY with t in whole days.
    public func retrievability(of card: ReviewCard, at date: Date) -> Double {
        guard let lastReview = card.lastReview, let stability = card.stability else { return 0 }
        let elapsed = max(0, FSRSScheduler.wholeDays(from: lastReview, to: date))
        return pow(1 + factor * Double(elapsed) / stability, decay)
    }

    /// The review interval in whole days for `stability`: rounded half to even, at least 1, at most the maximum.
    public func interval(forStability stability: Double) -> Int {
        let raw = (stability / factor) * retentionTerm
        let rounded = raw.rounded(.toNearestOrEven)
        guard rounded.isFinite else { return configuration.maximumInterval }
        return min(max(Int(rounded), 1), configuration.maximumInterval)
    }

    // MARK: - The review

    private func review(_ card: ReviewCard, rating: ReviewRating, at date: Date, duration: TimeInterval?, fuzz: Bool,
                        using generator: inout some RandomNumberGenerator) -> (card: ReviewCard, log: ReviewLog) {
        var next = card
        let daysSinceLastReview = card.lastReview.map { FSRSScheduler.wholeDays(from: $0, to: date) }
        let interval: TimeInterval
        let learningSteps = configuration.learningSteps
        let relearningSteps = configuration.relearningSteps

        switch card.state {
        case .learning:
            let step = card.step ?? 0
            if let stability = card.stability, let difficulty = card.difficulty {
                if let days = daysSinceLastReview, days < 1 {
                    next.stability = shortTermStability(stability, rating: rating)
                } else {
                    next.stability = nextStability(difficulty: difficulty, stability: stability,
                                                   retrievability: retrievability(of: card, at: date), rating: rating)
                }
                next.difficulty = nextDifficulty(difficulty, rating: rating)
            } else {
                next.stability = initialStability(rating)
                next.difficulty = clampDifficulty(initialDifficulty(rating))
            }
            interval = stepInterval(&next, step: step, rating: rating, steps: learningSteps)

        case .review:
            let stability = card.stability ?? initialStability(rating)
            let difficulty = card.difficulty ?? clampDifficulty(initialDifficulty(rating))
            if let days = daysSinceLastReview, days < 1 {
                next.stability = shortTermStability(stability, rating: rating)
            } else {
                next.stability = nextStability(difficulty: difficulty, stability: stability,
                                               retrievability: retrievability(of: card, at: date), rating: rating)
            }
            next.difficulty = nextDifficulty(difficulty, rating: rating)
            if rating == .again, !relearningSteps.isEmpty {
                next.state = .relearning
                next.step = 0
                interval = relearningSteps[0]
            } else {
                interval = Double(self.interval(forStability: next.stability ?? stability)) * 86_400
            }

        case .relearning:
            let step = card.step ?? 0
            let stability = card.stability ?? initialStability(rating)
            let difficulty = card.difficulty ?? clampDifficulty(initialDifficulty(rating))
            if let days = daysSinceLastReview, days < 1 {
                next.stability = shortTermStability(stability, rating: rating)
            } else {
                next.stability = nextStability(difficulty: difficulty, stability: stability,
                                               retrievability: retrievability(of: card, at: date), rating: rating)
            }
            next.difficulty = nextDifficulty(difficulty, rating: rating)
            interval = stepInterval(&next, step: step, rating: rating, steps: relearningSteps)
        }

        var scheduled = interval
        if fuzz, next.state == .review {
            scheduled = Double(fuzzedDays(Int(interval / 86_400), using: &generator)) * 86_400
        }
        next.due = date.addingTimeInterval(scheduled)
        next.lastReview = date
        let log = ReviewLog(rating: rating, reviewedAt: date, duration: duration, stateBefore: card.state,
                            elapsedDays: daysSinceLastReview, scheduledInterval: scheduled)
        return (next, log)
    }

    /// The learning/relearning step logic shared by both states; moves the card to `.review` when it graduates.
    private func stepInterval(_ card: inout ReviewCard, step: Int, rating: ReviewRating, steps: [TimeInterval]) -> TimeInterval {
        func graduate() -> TimeInterval {
            card.state = .review
            card.step = nil
            return Double(interval(forStability: card.stability ?? FSRSConfiguration.minimumStability)) * 86_400
        }
        if steps.isEmpty || (step >= steps.count && rating != .again) {
            return graduate()
        }
        switch rating {
        case .again:
            card.step = 0
            return steps[0]
        case .hard:
            card.step = step
            if step == 0 && steps.count == 1 { return FSRSScheduler.microseconds(steps[0] * 1.5) }
            if step == 0 { return FSRSScheduler.microseconds((steps[0] + steps[1]) / 2.0) }
            return steps[step]
        case .good:
            if step + 1 == steps.count { return graduate() }
            card.step = step + 1
            return steps[step + 1]
        case .easy:
            return graduate()
        }
    }

    // MARK: - FSRS-6 formulas, in py-fsrs's evaluation order

    private func clampDifficulty(_ difficulty: Double) -> Double { min(max(difficulty, 1), 10) }

    private func clampStability(_ stability: Double) -> Double { max(stability, FSRSConfiguration.minimumStability) }

    private func initialStability(_ rating: ReviewRating) -> Double { clampStability(w[rating.rawValue - 1]) }

    /// D0(G) = w4 − e^(w5·(G−1)) + 1.
    private func initialDifficulty(_ rating: ReviewRating) -> Double {
        w[4] - pow(M_E, w[5] * Double(rating.rawValue - 1)) + 1
    }

    /// S′ = S · e^(w17·(G−3+w18)) · S^(−w19), at least S for a pass.
    private func shortTermStability(_ stability: Double, rating: ReviewRating) -> Double {
        var increase = shortTermGrowth[rating.rawValue - 1] * pow(stability, -w[19])
        if rating != .again { increase = max(increase, 1.0) }
        return clampStability(stability * increase)
    }

    /// D′ = w7·D0(4) + (1−w7)·(D + (10−D)·(−w6·(G−3))/9), clamped to 1…10.
    private func nextDifficulty(_ difficulty: Double, rating: ReviewRating) -> Double {
        let delta = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return clampDifficulty(w[7] * easyInitialDifficulty + (1 - w[7]) * damped)
    }

    private func nextStability(difficulty: Double, stability: Double, retrievability: Double, rating: ReviewRating) -> Double {
        if rating == .again {
            let longTerm = w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1)
                * pow(M_E, (1 - retrievability) * w[14])
            let shortTerm = stability / shortTermForgetDivisor
            return clampStability(min(longTerm, shortTerm))
        }
        let hardPenalty = rating == .hard ? w[15] : 1
        let easyBonus = rating == .easy ? w[16] : 1
        let growth = expW8 * (11 - difficulty) * pow(stability, -w[9]) * (pow(M_E, (1 - retrievability) * w[10]) - 1)
            * hardPenalty * easyBonus
        return clampStability(stability * (1 + growth))
    }

    /// py-fsrs's fuzz: a uniform whole number of days in a window that widens with the interval.
    private func fuzzedDays(_ days: Int, using generator: inout some RandomNumberGenerator) -> Int {
        if Double(days) < 2.5 { return days }
        var delta = 1.0
        for (start, end, factor) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, Double.infinity, 0.05)] {
            delta += factor * max(min(Double(days), end) - start, 0.0)
        }
        var minimum = Int((Double(days) - delta).rounded(.toNearestOrEven))
        var maximum = Int((Double(days) + delta).rounded(.toNearestOrEven))
        minimum = max(2, minimum)
        maximum = min(maximum, configuration.maximumInterval)
        minimum = min(minimum, maximum)
        let fuzzed = Double.random(in: 0..<1, using: &generator) * Double(maximum - minimum + 1) + Double(minimum)
        return min(Int(fuzzed.rounded(.toNearestOrEven)), configuration.maximumInterval)
    }

    // MARK: - Time as Python's datetime counts it

    /// `(to − from).days`: whole days, rounded down, of the interval counted in microseconds.
    static func wholeDays(from: Date, to: Date) -> Int {
        let micro = (to.timeIntervalSince(from) * 1_000_000).rounded()
        return Int((micro / 86_400_000_000).rounded(.down))
    }

    /// A duration rounded to whole microseconds (half to even), as `timedelta` arithmetic rounds.
    static func microseconds(_ seconds: TimeInterval) -> TimeInterval {
        (seconds * 1_000_000).rounded(.toNearestOrEven) / 1_000_000
    }
}

/// A generator for the overload that never fuzzes; it is never asked for a number.
private struct NoFuzz: RandomNumberGenerator {
    mutating func next() -> UInt64 { 0 }
}
