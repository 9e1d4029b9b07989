import Foundation

/// Settings of marginal maximum likelihood calibration by EM.
public struct CalibrationOptions: Sendable, Hashable {
    /// The latent ability distribution and its quadrature (default: 41 equally spaced nodes on [−4, 4], N(0, 1)).
    public var quadrature: Quadrature
    /// Prior on ln a (default N(0, 0.5²), i.e. a lognormal prior centred on a = 1); `nil` for none.
    public var slopePrior: ParameterPrior?
    /// Prior on b (default N(0, 2²)); `nil` for none.
    public var difficultyPrior: ParameterPrior?
    /// Items with fewer responses are not calibrated (default 200).
    public var minimumResponses: Int
    /// EM cycles at most (default 500).
    public var maximumIterations: Int
    /// EM stops when no a or b moves by more than this in a cycle (default 1e-4).
    public var tolerance: Double
    /// Where a is kept (default 0.05…10).
    public var discriminationBounds: ClosedRange<Double>
    /// Where b is kept (default −10…10).
    public var difficultyBounds: ClosedRange<Double>
    /// Threads for the E-step; the result does not depend on it.
    public var parallelism: Int

    public init(quadrature: Quadrature = .uniform(count: 41, lower: -4, upper: 4),
                slopePrior: ParameterPrior? = ParameterPrior(mean: 0, standardDeviation: 0.5),
                difficultyPrior: ParameterPrior? = ParameterPrior(mean: 0, standardDeviation: 2),
                minimumResponses: Int = 200, maximumIterations: Int = 500, tolerance: Double = 1e-4,
                discriminationBounds: ClosedRange<Double> = 0.05...10, difficultyBounds: ClosedRange<Double> = -10...10,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.quadrature = quadrature
        self.slopePrior = slopePrior
        self.difficultyPrior = difficultyPrior
        self.minimumResponses = max(1, minimumResponses)
        self.maximumIterations = max(1, maximumIterations)
        self.tolerance = tolerance
        self.discriminationBounds = discriminationBounds
        self.difficultyBounds = difficultyBounds
        self.parallelism = max(1, parallelism)
    }

    /// The defaults described above.
    public static let `default` = CalibrationOptions()

    /// girth's `twopl_mml` settings: 41 Gauss–Legendre nodes on [−4.5, 4.5], N(0, 1), no item priors, a in 0.2…5.
    public static let girthCompatible = CalibrationOptions(
        quadrature: .gaussLegendre(count: 41, lower: -4.5, upper: 4.5), slopePrior: nil, difficultyPrior: nil,
        discriminationBounds: 0.2...5, difficultyBounds: -6...6)
}
