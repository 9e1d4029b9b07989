import Foundation

/// EAP for many persons at once over a fixed item bank, with P(x | θ_k) precomputed per item.
///
/// The table holds, for each item and each response (wrong, right), the probability at every
/// quadrature node, so that a person's posterior is a product of table rows: no exponentials in
/// the per-person loop. Results equal `AbilityEstimator(method: .eap)` to rounding.
public struct EAPTable: Sendable {
    public let quadrature: Quadrature
    public let itemCount: Int
    /// Row length (node count).
    let stride: Int
    /// `[item][correct 0/1][node]`.
    let rows: [Double]

    /// Precomputes the table for `parameters` (indexed as the response matrices will index them).
    public init(parameters: [IRTParameters], quadrature: Quadrature = .standard) {
        self.quadrature = quadrature
        itemCount = parameters.count
        stride = quadrature.count
        var rows = [Double](repeating: 1, count: max(1, parameters.count * 2 * quadrature.count))
        let count = quadrature.count
        rows.withUnsafeMutableBufferPointer { table in
            quadrature.nodes.withUnsafeBufferPointer { nodes in
                guard let table = table.baseAddress, let nodes = nodes.baseAddress else { return }
                for (item, parameter) in parameters.enumerated() {
                    PosteriorKernel.fillRow(table + (2 * item) * count, nodes: nodes, count: count,
                                            parameters: parameter, correct: false)
                    PosteriorKernel.fillRow(table + (2 * item + 1) * count, nodes: nodes, count: count,
                                            parameters: parameter, correct: true)
                }
            }
        }
        self.rows = rows
    }

    /// The EAP estimate of every row of `matrix`, computed on up to `parallelism` threads.
    ///
    /// The result does not depend on `parallelism`: each row is computed the same way on any thread.
    public func estimate(_ matrix: ResponseMatrix, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) -> [AbilityEstimate] {
        precondition(matrix.itemCount <= itemCount, "the matrix refers to items the table does not have")
        let rowCount = matrix.rowCount
        guard rowCount > 0 else { return [] }
        var thetas = [Double](repeating: 0, count: rowCount)
        var errors = [Double](repeating: 0, count: rowCount)
        thetas.withUnsafeMutableBufferPointer { thetaBuffer in
            errors.withUnsafeMutableBufferPointer { errorBuffer in
                let output = SendablePointers(theta: thetaBuffer.baseAddress!, se: errorBuffer.baseAddress!)
                let chunks = max(1, min(parallelism * 4, rowCount / 512))
                let work: @Sendable (Int) -> Void = { chunk in
                    let start = rowCount * chunk / chunks, end = rowCount * (chunk + 1) / chunks
                    self.estimateRows(matrix, start..<end, into: output)
                }
                if chunks == 1 || parallelism <= 1 {
                    for chunk in 0..<chunks { work(chunk) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
                }
            }
        }
        return (0..<rowCount).map {
            AbilityEstimate(theta: thetas[$0], se: errors[$0], responses: matrix.offsets[$0 + 1] - matrix.offsets[$0])
        }
    }

    /// The EAP estimate of one response pattern given as item indices and 0/1 answers.
    public func estimate(items: [Int32], correct: [UInt8]) -> AbilityEstimate {
        var matrix = ResponseMatrix(itemCount: itemCount)
        for (item, answer) in zip(items, correct) { matrix.append(item: Int(item), correct: answer != 0) }
        matrix.endRow()
        return estimate(matrix, parallelism: 1)[0]
    }

    private func estimateRows(_ matrix: ResponseMatrix, _ range: Range<Int>, into output: SendablePointers) {
        let count = stride
        quadrature.nodes.withUnsafeBufferPointer { nodeBuffer in
            quadrature.weights.withUnsafeBufferPointer { weightBuffer in
                rows.withUnsafeBufferPointer { tableBuffer in
                    matrix.items.withUnsafeBufferPointer { itemBuffer in
                        matrix.correct.withUnsafeBufferPointer { correctBuffer in
                            matrix.offsets.withUnsafeBufferPointer { offsetBuffer in
                                withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { workBuffer in
                                    let nodes = nodeBuffer.baseAddress!, weights = weightBuffer.baseAddress!
                                    let table = tableBuffer.baseAddress!, work = workBuffer.baseAddress!
                                    let offsets = offsetBuffer.baseAddress!
                                    let items = itemBuffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                                    let answers = correctBuffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                                    for row in range {
                                        work.update(from: weights, count: count)
                                        var sinceRescale = 0
                                        for index in offsets[row]..<offsets[row + 1] {
                                            let tableRow = table + (Int(items[index]) &* 2 &+ Int(answers[index])) &* count
                                            PosteriorKernel.multiply(work, by: tableRow, count: count)
                                            sinceRescale &+= 1
                                            if sinceRescale == PosteriorKernel.rescaleEvery {
                                                _ = PosteriorKernel.rescale(work, count: count)
                                                sinceRescale = 0
                                            }
                                        }
                                        let (mean, sd) = PosteriorKernel.moments(work, nodes: nodes, count: count)
                                        output.theta[row] = mean
                                        output.se[row] = sd
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

/// Output pointers shared by the worker threads of a batch; each thread writes disjoint rows.
struct SendablePointers: @unchecked Sendable {
    let theta: UnsafeMutablePointer<Double>
    let se: UnsafeMutablePointer<Double>
}
