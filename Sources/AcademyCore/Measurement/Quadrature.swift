import Foundation

/// Points on the θ scale and their weights, for integrating over the ability distribution.
///
/// `weights` already include the prior density and sum to 1, so that a posterior is
/// `weights[k] · L(θ_k)` normalised.
public struct Quadrature: Sendable, Hashable {
    /// The θ values, ascending.
    public let nodes: [Double]
    /// Prior density × rule weight at each node, normalised to sum to 1.
    public let weights: [Double]
    public let prior: AbilityPrior
    /// How the nodes were placed, for documentation and output.
    public let rule: Rule

    /// How nodes are placed on the interval.
    public enum Rule: Sendable, Hashable {
        /// `count` equally spaced nodes including both ends (numpy's `linspace`).
        case uniform(count: Int, lower: Double, upper: Double)
        /// Gauss–Legendre nodes and weights shifted to the interval (girth's rule).
        case gaussLegendre(count: Int, lower: Double, upper: Double)
    }

    /// The default for ability estimation: 61 equally spaced nodes on [−4, 4] with a N(0, 1) prior.
    public static let standard = Quadrature.uniform()

    /// `count` equally spaced nodes on [lower, upper] (both included), weighted by `prior`.
    public static func uniform(count: Int = 61, lower: Double = -4, upper: Double = 4,
                               prior: AbilityPrior = .standardNormal) -> Quadrature {
        let count = max(2, count)
        let step = (upper - lower) / Double(count - 1)
        var nodes = (0..<count).map { lower + Double($0) * step }
        nodes[count - 1] = upper
        return Quadrature(nodes: nodes, ruleWeights: Array(repeating: step, count: count), prior: prior,
                          rule: .uniform(count: count, lower: lower, upper: upper))
    }

    /// `count` Gauss–Legendre nodes on [lower, upper], weighted by `prior`.
    public static func gaussLegendre(count: Int, lower: Double, upper: Double,
                                     prior: AbilityPrior = .standardNormal) -> Quadrature {
        let (x, w) = legendreRoots(max(2, count))
        let half = (upper - lower) * 0.5
        return Quadrature(nodes: x.map { half * ($0 + 1) + lower }, ruleWeights: w.map { half * $0 }, prior: prior,
                          rule: .gaussLegendre(count: max(2, count), lower: lower, upper: upper))
    }

    /// Nodes with explicit rule weights (before the prior); the weights are multiplied by the prior and normalised.
    public init(nodes: [Double], ruleWeights: [Double], prior: AbilityPrior, rule: Rule) {
        precondition(nodes.count == ruleWeights.count && !nodes.isEmpty, "a quadrature needs one weight per node")
        self.nodes = nodes
        let raw = zip(nodes, ruleWeights).map { prior.density(at: $0) * $1 }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        self.prior = prior
        self.rule = rule
    }

    public var count: Int { nodes.count }

    /// The lowest and highest node.
    public var range: ClosedRange<Double> { nodes[0]...nodes[nodes.count - 1] }

    /// Roots and weights of the Legendre polynomial of degree `n` on [−1, 1], ascending, by Newton's method.
    static func legendreRoots(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in stride(from: 2, through: n, by: 1) {
                    let p2 = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let dx = p1 / derivative
                x -= dx
                if abs(dx) < 1e-16 { break }
            }
            let weight = 2 / ((1 - x * x) * derivative * derivative)
            nodes[i] = -x
            nodes[n - 1 - i] = x
            weights[i] = weight
            weights[n - 1 - i] = weight
        }
        return (nodes, weights)
    }
}
