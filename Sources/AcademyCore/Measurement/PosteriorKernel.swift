import Foundation

/// The inner loops of EAP: multiply likelihood rows into a posterior and take its moments.
///
/// Rows are probabilities floored at `floor` and the running product is rescaled by its maximum
/// every `rescaleEvery` rows, so that no product of up to `rescaleEvery` rows can underflow
/// (1e-37⁸ = 1e-296 > the smallest normal double). The rescaling cancels in the normalisation.
enum PosteriorKernel {
    /// The smallest probability a response row holds.
    static let floor = 1e-37
    /// How many rows are multiplied in between rescalings.
    static let rescaleEvery = 8

    /// P(x | θ_k) for each node, floored, written to `row`.
    @inline(__always)
    static func fillRow(_ row: UnsafeMutablePointer<Double>, nodes: UnsafePointer<Double>, count: Int,
                        parameters: IRTParameters, correct: Bool) {
        let a = parameters.a, b = parameters.b
        for k in 0..<count {
            let p = 1 / (1 + exp(-a * (nodes[k] - b)))
            row[k] = Swift.max(correct ? p : 1 - p, floor)
        }
    }

    /// `work[k] *= row[k]`.
    @inline(__always)
    static func multiply(_ work: UnsafeMutablePointer<Double>, by row: UnsafePointer<Double>, count: Int) {
        for k in 0..<count { work[k] *= row[k] }
    }

    /// Divides `work` by its maximum; returns log of that maximum (0 when it is not positive).
    @inline(__always)
    static func rescale(_ work: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var largest = 0.0
        for k in 0..<count where work[k] > largest { largest = work[k] }
        guard largest > 0 else { return 0 }
        let inverse = 1 / largest
        for k in 0..<count { work[k] *= inverse }
        return log(largest)
    }

    /// Posterior mean and standard deviation of the unnormalised posterior `work` over `nodes`.
    @inline(__always)
    static func moments(_ work: UnsafePointer<Double>, nodes: UnsafePointer<Double>, count: Int) -> (mean: Double, sd: Double) {
        var total = 0.0, first = 0.0
        for k in 0..<count {
            total += work[k]
            first += work[k] * nodes[k]
        }
        let mean = first / total
        var second = 0.0
        for k in 0..<count {
            let d = nodes[k] - mean
            second += d * d * work[k]
        }
        return (mean, (second / total).squareRoot())
    }
}
