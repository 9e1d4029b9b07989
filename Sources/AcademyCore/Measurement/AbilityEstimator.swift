import Foundation

/// Estimates ability θ and its standard error from scored responses under the 2PL model.
///
/// EAP (the default) is the posterior mean over the quadrature nodes; its SE is the posterior
/// standard deviation. It exists for every response pattern, including all right or all wrong.
/// MAP is the posterior mode, found by Newton–Raphson from the EAP value, with
/// SE = 1/√(test information + prior precision).
public struct AbilityEstimator: Sendable, Hashable {
    /// Which point of the posterior to report.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// Expected a posteriori: the posterior mean.
        case eap
        /// Maximum a posteriori: the posterior mode.
        case map
    }

    public var method: Method
    public var quadrature: Quadrature

    /// EAP with 61 nodes on [−4, 4] and a N(0, 1) prior, unless told otherwise.
    public init(method: Method = .eap, quadrature: Quadrature = .standard) {
        self.method = method
        self.quadrature = quadrature
    }

    /// The estimate from `responses`; with none, the prior's mean and standard deviation on the grid.
    public func estimate(_ responses: [ScoredResponse]) -> AbilityEstimate {
        let eap = expectedAPosteriori(responses)
        switch method {
        case .eap: return eap
        case .map: return maximumAPosteriori(responses, start: eap.theta)
        }
    }

    /// The estimate from parallel arrays of item parameters and right/wrong answers.
    public func estimate(parameters: [IRTParameters], correct: [Bool]) -> AbilityEstimate {
        precondition(parameters.count == correct.count, "one answer per item")
        return estimate(zip(parameters, correct).map { ScoredResponse($0, correct: $1) })
    }

    /// The EAP estimate (whatever `method` says).
    public func expectedAPosteriori(_ responses: [ScoredResponse]) -> AbilityEstimate {
        let count = quadrature.count
        return quadrature.nodes.withUnsafeBufferPointer { nodes in
            quadrature.weights.withUnsafeBufferPointer { weights in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * count) { buffer in
                    guard let nodes = nodes.baseAddress, let weights = weights.baseAddress,
                          let work = buffer.baseAddress else { return AbilityEstimate(theta: 0, se: 1, responses: 0) }
                    let row = work + count
                    work.update(from: weights, count: count)
                    for (index, response) in responses.enumerated() {
                        PosteriorKernel.fillRow(row, nodes: nodes, count: count,
                                                parameters: response.parameters, correct: response.correct)
                        PosteriorKernel.multiply(work, by: row, count: count)
                        if index % PosteriorKernel.rescaleEvery == PosteriorKernel.rescaleEvery - 1 {
                            _ = PosteriorKernel.rescale(work, count: count)
                        }
                    }
                    let (mean, sd) = PosteriorKernel.moments(work, nodes: nodes, count: count)
                    return AbilityEstimate(theta: mean, se: sd, responses: responses.count)
                }
            }
        }
    }

    /// The MAP estimate by Newton–Raphson, kept within the quadrature range.
    func maximumAPosteriori(_ responses: [ScoredResponse], start: Double) -> AbilityEstimate {
        let range = quadrature.range
        var theta = min(max(start, range.lowerBound), range.upperBound)
        var information = 0.0
        for _ in 0..<100 {
            var gradient = 0.0
            information = 0
            for response in responses {
                let p = response.parameters.probability(at: theta)
                let a = response.parameters.a
                gradient += a * ((response.correct ? 1 : 0) - p)
                information += a * a * p * (1 - p)
            }
            let prior = quadrature.prior.logDensityDerivatives(at: theta)
            gradient += prior.first
            let curvature = information - prior.second
            guard curvature > 1e-12 else {
                // Flat posterior (uniform prior, no information): move towards the side the gradient points.
                theta = gradient > 0 ? range.upperBound : (gradient < 0 ? range.lowerBound : theta)
                break
            }
            var step = gradient / curvature
            step = min(max(step, -1), 1)
            let next = min(max(theta + step, range.lowerBound), range.upperBound)
            let moved = abs(next - theta)
            theta = next
            if moved < 1e-10 { break }
        }
        information = responses.reduce(0) { $0 + $1.parameters.information(at: theta) }
        let precision = information - quadrature.prior.logDensityDerivatives(at: theta).second
        let se = precision > 0 ? 1 / precision.squareRoot() : .infinity
        return AbilityEstimate(theta: theta, se: se, responses: responses.count)
    }
}
