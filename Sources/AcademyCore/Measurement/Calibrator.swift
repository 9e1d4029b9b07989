import Foundation

/// Estimates 2PL item parameters from responses by marginal maximum likelihood with EM (Bock–Aitkin).
///
/// E-step: each person's posterior over the quadrature nodes given the current parameters,
/// summed into expected counts n̄_jk (responses to item j at node k) and r̄_jk (right ones).
/// M-step: for each item, Fisher scoring on
/// Σ_k r̄_jk ln P_j(θ_k) + (n̄_jk − r̄_jk) ln(1 − P_j(θ_k)) + ln prior(a_j) + ln prior(b_j).
/// The ability distribution is fixed (N(0, 1) by default), which sets the scale. Missing
/// responses simply do not enter the sums. Items with fewer than `minimumResponses` responses
/// are not estimated: with given parameters they anchor the E-step, without they are left out.
public struct Calibrator: Sendable {
    public var options: CalibrationOptions

    public init(options: CalibrationOptions = .default) {
        self.options = options
    }

    /// Calibrates the items of `matrix`; `initial` gives starting values (calibrated items) or fixed values (the others).
    public func calibrate(_ matrix: ResponseMatrix, initial: [IRTParameters?]? = nil) -> CalibrationResult {
        let itemCount = matrix.itemCount
        let counts = matrix.responsesPerItem()
        let free = counts.map { $0 >= options.minimumResponses }
        var parameters = [IRTParameters?](repeating: nil, count: itemCount)
        let classical = ItemAnalysis.analyse(matrix)
        for item in 0..<itemCount {
            if let given = initial?[item], given.isUsable {
                parameters[item] = given
            } else if free[item] {
                parameters[item] = startingValues(classical[item])
            }
        }
        let included = parameters.map { $0 != nil }

        var iterations = 0
        var converged = false
        var logLikelihood = -Double.infinity
        let nodeCount = options.quadrature.count
        while iterations < options.maximumIterations {
            iterations += 1
            let expected = expectedCounts(matrix, parameters: parameters, included: included)
            logLikelihood = expected.logLikelihood
            var largestChange = 0.0
            for item in 0..<itemCount where free[item] {
                guard let current = parameters[item] else { continue }
                let base = item * nodeCount
                let updated = maximise(current, r: expected.right[base..<base + nodeCount],
                                       n: expected.total[base..<base + nodeCount])
                largestChange = max(largestChange, abs(updated.a - current.a), abs(updated.b - current.b))
                parameters[item] = updated
            }
            if largestChange < options.tolerance {
                converged = true
                break
            }
        }
        let items = (0..<itemCount).map {
            CalibratedItem(parameters: parameters[$0], responses: counts[$0], calibrated: free[$0])
        }
        return CalibrationResult(items: items, iterations: iterations, converged: converged, logLikelihood: logLikelihood)
    }

    // MARK: - Starting values

    /// a from the corrected point-biserial r (a ≈ 1.7·r/√(1−r²)), b from the facility under a N(0, 1) population.
    func startingValues(_ statistics: ItemStatistics) -> IRTParameters {
        let r = statistics.discrimination ?? 0.3
        let a = min(max(1.7 * r / max(1e-6, 1 - r * r).squareRoot(), 0.3), 2.5)
        let p = min(max(statistics.facility ?? 0.5, 0.01), 0.99)
        let logit = log(p / (1 - p))
        let b = -logit / 1.7 * (2.89 + a * a).squareRoot() / a
        return IRTParameters(a: clampA(a), b: clampB(b))
    }

    private func clampA(_ a: Double) -> Double {
        min(max(a, options.discriminationBounds.lowerBound), options.discriminationBounds.upperBound)
    }

    private func clampB(_ b: Double) -> Double {
        min(max(b, options.difficultyBounds.lowerBound), options.difficultyBounds.upperBound)
    }

    // MARK: - E-step

    struct ExpectedCounts {
        /// r̄_jk, item-major.
        var right: [Double]
        /// n̄_jk, item-major.
        var total: [Double]
        var logLikelihood: Double
    }

    /// The posterior-weighted counts over all persons, summed chunk by chunk in a fixed order.
    func expectedCounts(_ matrix: ResponseMatrix, parameters: [IRTParameters?], included: [Bool]) -> ExpectedCounts {
        let nodeCount = options.quadrature.count
        let itemCount = matrix.itemCount
        let size = itemCount * nodeCount
        let table = EAPTable(parameters: parameters.map { $0 ?? IRTParameters(a: 1, b: 0) }, quadrature: options.quadrature)
        let rowCount = matrix.rowCount
        // A fixed number of chunks (independent of the thread count) keeps the sums reproducible.
        let chunks = max(1, min(16, rowCount / 64))
        var right = [Double](repeating: 0, count: chunks * size)
        var total = [Double](repeating: 0, count: chunks * size)
        var logLikelihoods = [Double](repeating: 0, count: chunks)
        right.withUnsafeMutableBufferPointer { rightBuffer in
            total.withUnsafeMutableBufferPointer { totalBuffer in
                logLikelihoods.withUnsafeMutableBufferPointer { llBuffer in
                    let output = EStepOutput(right: rightBuffer.baseAddress!, total: totalBuffer.baseAddress!,
                                             logLikelihood: llBuffer.baseAddress!)
                    let work: @Sendable (Int) -> Void = { chunk in
                        let start = rowCount * chunk / chunks, end = rowCount * (chunk + 1) / chunks
                        Calibrator.accumulate(matrix, rows: start..<end, table: table, included: included,
                                              right: output.right + chunk * size, total: output.total + chunk * size,
                                              logLikelihood: output.logLikelihood + chunk)
                    }
                    if options.parallelism <= 1 || chunks == 1 {
                        for chunk in 0..<chunks { work(chunk) }
                    } else {
                        DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
                    }
                }
            }
        }
        var sumRight = [Double](repeating: 0, count: size)
        var sumTotal = [Double](repeating: 0, count: size)
        for chunk in 0..<chunks {
            for index in 0..<size {
                sumRight[index] += right[chunk * size + index]
                sumTotal[index] += total[chunk * size + index]
            }
        }
        return ExpectedCounts(right: sumRight, total: sumTotal, logLikelihood: logLikelihoods.reduce(0, +))
    }

    private static func accumulate(_ matrix: ResponseMatrix, rows: Range<Int>, table: EAPTable, included: [Bool],
                                   right: UnsafeMutablePointer<Double>, total: UnsafeMutablePointer<Double>,
                                   logLikelihood: UnsafeMutablePointer<Double>) {
        let count = table.stride
        var ll = 0.0
        table.quadrature.weights.withUnsafeBufferPointer { weightBuffer in
            table.rows.withUnsafeBufferPointer { tableBuffer in
                matrix.items.withUnsafeBufferPointer { itemBuffer in
                    matrix.correct.withUnsafeBufferPointer { correctBuffer in
                        matrix.offsets.withUnsafeBufferPointer { offsetBuffer in
                            included.withUnsafeBufferPointer { includedBuffer in
                                withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { workBuffer in
                                    guard let items = itemBuffer.baseAddress, let answers = correctBuffer.baseAddress
                                    else { return }
                                    let weights = weightBuffer.baseAddress!, tableRows = tableBuffer.baseAddress!
                                    let offsets = offsetBuffer.baseAddress!, work = workBuffer.baseAddress!
                                    let isIncluded = includedBuffer.baseAddress!
                                    for row in rows {
                                        let start = offsets[row], end = offsets[row + 1]
                                        work.update(from: weights, count: count)
                                        var logScale = 0.0
                                        var sinceRescale = 0
                                        var used = 0
                                        for index in start..<end where isIncluded[Int(items[index])] {
                                            let tableRow = tableRows + (Int(items[index]) &* 2 &+ Int(answers[index])) &* count
                                            PosteriorKernel.multiply(work, by: tableRow, count: count)
                                            used &+= 1
                                            sinceRescale &+= 1
                                            if sinceRescale == PosteriorKernel.rescaleEvery {
                                                logScale += PosteriorKernel.rescale(work, count: count)
                                                sinceRescale = 0
                                            }
                                        }
                                        guard used > 0 else { continue }
                                        var sum = 0.0
                                        for k in 0..<count { sum += work[k] }
                                        ll += log(sum) + logScale
                                        let inverse = 1 / sum
                                        for k in 0..<count { work[k] *= inverse }
                                        for index in start..<end {
                                            let item = Int(items[index])
                                            guard isIncluded[item] else { continue }
                                            let offset = item &* count
                                            let totalRow = total + offset
                                            for k in 0..<count { totalRow[k] += work[k] }
                                            if answers[index] != 0 {
                                                let rightRow = right + offset
                                                for k in 0..<count { rightRow[k] += work[k] }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        logLikelihood.pointee = ll
    }

    // MARK: - M-step

    /// The a, b maximising the expected complete-data log posterior of one item, by Fisher scoring with step halving.
    func maximise(_ start: IRTParameters, r: ArraySlice<Double>, n: ArraySlice<Double>) -> IRTParameters {
        let nodes = options.quadrature.nodes
        let r = Array(r), n = Array(n)
        var a = start.a, b = start.b
        var value = objective(a: a, b: b, nodes: nodes, r: r, n: n)
        for _ in 0..<50 {
            var gA = 0.0, gB = 0.0, iAA = 0.0, iBB = 0.0, iAB = 0.0
            for k in nodes.indices {
                let d = nodes[k] - b
                let p = 1 / (1 + exp(-a * d))
                let residual = r[k] - n[k] * p
                let w = n[k] * p * (1 - p)
                gA += residual * d
                gB -= a * residual
                iAA += w * d * d
                iBB += w * a * a
                iAB -= w * a * d
            }
            if let prior = options.slopePrior {
                let variance = prior.standardDeviation * prior.standardDeviation
                gA += -(1 + (log(a) - prior.mean) / variance) / a
                iAA += 1 / (variance * a * a)
            }
            if let prior = options.difficultyPrior {
                let variance = prior.standardDeviation * prior.standardDeviation
                gB += -(b - prior.mean) / variance
                iBB += 1 / variance
            }
            let determinant = iAA * iBB - iAB * iAB
            guard determinant > 1e-300, iAA > 0 else { break }
            let stepA = (iBB * gA - iAB * gB) / determinant
            let stepB = (iAA * gB - iAB * gA) / determinant
            var scale = 1.0
            var nextA = a, nextB = b, nextValue = value
            while scale > 1e-6 {
                nextA = clampA(a + scale * stepA)
                nextB = clampB(b + scale * stepB)
                nextValue = objective(a: nextA, b: nextB, nodes: nodes, r: r, n: n)
                if nextValue >= value - 1e-12 { break }
                scale *= 0.5
            }
            guard nextValue >= value - 1e-12 else { break }
            let moved = max(abs(nextA - a), abs(nextB - b))
            a = nextA
            b = nextB
            value = nextValue
            if moved < 1e-9 { break }
        }
        return IRTParameters(a: a, b: b)
    }

    /// Σ_k r_k ln P_k + (n_k − r_k) ln Q_k + ln prior(a) + ln prior(b), with the log-probabilities computed stably.
    private func objective(a: Double, b: Double, nodes: [Double], r: [Double], n: [Double]) -> Double {
        var value = 0.0
        for k in nodes.indices {
            let z = a * (nodes[k] - b)
            // ln P = −softplus(−z), ln Q = −softplus(z).
            let softplusZ = max(z, 0) + log1p(exp(-abs(z)))
            let logP = z - softplusZ
            let logQ = -softplusZ
            value += r[k] * logP + (n[k] - r[k]) * logQ
        }
        if let prior = options.slopePrior {
            let z = (log(a) - prior.mean) / prior.standardDeviation
            value += -log(a) - 0.5 * z * z
        }
        if let prior = options.difficultyPrior {
            let z = (b - prior.mean) / prior.standardDeviation
            value += -0.5 * z * z
        }
        return value
    }
}

/// The per-chunk output buffers of an E-step; each thread writes its own chunk.
private struct EStepOutput: @unchecked Sendable {
    let right: UnsafeMutablePointer<Double>
    let total: UnsafeMutablePointer<Double>
    let logLikelihood: UnsafeMutablePointer<Double>
}
