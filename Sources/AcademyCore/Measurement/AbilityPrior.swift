import Foundation

/// The distribution of ability assumed before any answer is seen.
public enum AbilityPrior: Sendable, Hashable, Codable {
    /// A normal distribution; the default is N(0, 1).
    case normal(mean: Double, standardDeviation: Double)
    /// A flat prior over the quadrature range (EAP), or no prior at all (MAP becomes maximum likelihood, bounded to the range).
    case uniform

    /// N(0, 1).
    public static let standardNormal = AbilityPrior.normal(mean: 0, standardDeviation: 1)

    /// The (unnormalised) density at θ.
    public func density(at theta: Double) -> Double {
        switch self {
        case let .normal(mean, sd):
            let z = (theta - mean) / sd
            return exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
        case .uniform:
            return 1
        }
    }

    /// d/dθ log density and d²/dθ² log density at θ, for MAP.
    func logDensityDerivatives(at theta: Double) -> (first: Double, second: Double) {
        switch self {
        case let .normal(mean, sd):
            return (-(theta - mean) / (sd * sd), -1 / (sd * sd))
        case .uniform:
            return (0, 0)
        }
    }
}
