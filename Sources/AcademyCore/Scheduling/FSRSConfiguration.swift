import Foundation

/// The settings of an FSRS-6 scheduler: the 21 model weights and the scheduling policy.
///
/// The defaults are py-fsrs's (`fsrs` 6.x on PyPI): default weights, desired retention 0.9,
/// learning steps 1 min and 10 min, one relearning step of 10 min, a maximum interval of
/// 36,500 days. Fuzzing is off by default here (py-fsrs turns it on) so that schedules are
/// reproducible; turn it on and pass a random number generator to spread due dates.
public struct FSRSConfiguration: Sendable, Hashable, Codable {
    /// FSRS-6's default weights w0…w20.
    public static let defaultWeights: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    /// The lowest stability FSRS allows, in days.
    public static let minimumStability = 0.001

    /// The model weights w0…w20.
    public var weights: [Double]
    /// The probability of recall at which a review card falls due.
    public var desiredRetention: Double
    /// Waits between the learning steps of a new card, in seconds.
    public var learningSteps: [TimeInterval]
    /// Waits between the relearning steps after a lapse, in seconds.
    public var relearningSteps: [TimeInterval]
    /// The longest interval a review card may get, in days.
    public var maximumInterval: Int
    /// Whether review intervals get py-fsrs's random fuzz.
    public var enableFuzzing: Bool

    public init(weights: [Double] = FSRSConfiguration.defaultWeights, desiredRetention: Double = 0.9,
                learningSteps: [TimeInterval] = [60, 600], relearningSteps: [TimeInterval] = [600],
                maximumInterval: Int = 36_500, enableFuzzing: Bool = false) {
        self.weights = weights
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.enableFuzzing = enableFuzzing
    }

    /// The defaults described above.
    public static let `default` = FSRSConfiguration()

    /// py-fsrs's bounds for each weight.
    static let weightBounds: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100, 1...10, 0.001...4, 0.001...4, 0.001...0.75,
        0...4.5, 0...0.8, 0.001...3.5, 0.001...5, 0.001...0.25, 0.001...0.9, 0...4, 0...1, 1...6,
        0...2, 0...2, 0...0.8, 0.1...0.8,
    ]

    /// Every problem with these settings, as lowercase messages; empty when they are usable.
    public func problems() -> [String] {
        var problems: [String] = []
        if weights.count != FSRSConfiguration.weightBounds.count {
            problems.append("expected \(FSRSConfiguration.weightBounds.count) weights, got \(weights.count)")
        } else {
            for (index, (weight, bounds)) in zip(weights, FSRSConfiguration.weightBounds).enumerated()
            where !bounds.contains(weight) {
                problems.append("weight w\(index) = \(weight) is outside \(bounds.lowerBound)…\(bounds.upperBound)")
            }
        }
        if !(desiredRetention > 0 && desiredRetention < 1) {
            problems.append("desired retention \(desiredRetention) must lie strictly between 0 and 1")
        }
        if (learningSteps + relearningSteps).contains(where: { !($0 > 0) || !$0.isFinite }) {
            problems.append("learning and relearning steps must be positive durations")
        }
        if maximumInterval < 1 { problems.append("maximum interval must be at least 1 day, got \(maximumInterval)") }
        return problems
    }
}
