import Foundation

extension IRTParameters {
    /// P(correct | θ) = 1 / (1 + e^(−a(θ−b))), the two-parameter logistic model (the Rasch model when a = 1).
    @inlinable
    public func probability(at theta: Double) -> Double {
        1 / (1 + exp(-a * (theta - b)))
    }

    /// Fisher information of the item at θ: I(θ) = a² · P(θ) · (1 − P(θ)).
    @inlinable
    public func information(at theta: Double) -> Double {
        let p = probability(at: theta)
        return a * a * p * (1 - p)
    }

    /// log P(x | θ) for a response `correct`.
    public func logLikelihood(correct: Bool, at theta: Double) -> Double {
        let p = probability(at: theta)
        return log(correct ? p : 1 - p)
    }

    /// Whether the item follows the one-parameter (Rasch) model, a = 1.
    public var isRasch: Bool { a == 1 }

    /// Whether the parameters can be measured with: finite, with a > 0.
    public var isUsable: Bool { a.isFinite && b.isFinite && a > 0 }
}
