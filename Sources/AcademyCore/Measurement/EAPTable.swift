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
        guard !range.isEmpty else { return }
        matrix.items.withUnsafeBufferPointer { itemBuffer in
            matrix.correct.withUnsafeBufferPointer { correctBuffer in
                matrix.offsets.withUnsafeBufferPointer { offsetBuffer in
                    let items = itemBuffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    let answers = correctBuffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                    estimate(rowCount: range.count, offsets: offsetBuffer.baseAddress! + range.lowerBound,
                             items: items, answers: answers,
                             theta: output.theta + range.lowerBound, se: output.se + range.lowerBound)
                }
            }
        }
    }

    /// The EAP estimates of `rowCount` response patterns held in raw buffers: the kernel behind
    /// `estimate(_:parallelism:)`, for callers that parse their input straight into buffers.
    ///
    /// Row `r` is the responses `offsets[r]..<offsets[r + 1]` of `items` (indices into the table's
    /// bank) and `answers` (0 wrong, 1 right); θ and SE go to `theta[r]` and `se[r]`.
    ///
    /// The arithmetic is that of `AbilityEstimator`'s EAP, operation for operation: each node's
    /// posterior is the prior weight times the response rows in the row's order, rescaled by the
    /// maximum after every `PosteriorKernel.rescaleEvery` responses, and the moments are summed in
    /// node order. Only the schedule differs: eight responses are multiplied into a block of nodes
    /// held in registers, and the moments of four rows are summed side by side.
    public func estimate(rowCount: Int, offsets: UnsafePointer<Int>, items: UnsafePointer<Int32>,
                         answers: UnsafePointer<UInt8>, theta: UnsafeMutablePointer<Double>,
                         se: UnsafeMutablePointer<Double>) {
        guard rowCount > 0 else { return }
        let count = stride
        let group = PosteriorKernel.rescaleEvery
        quadrature.nodes.withUnsafeBufferPointer { nodeBuffer in
            quadrature.weights.withUnsafeBufferPointer { weightBuffer in
                rows.withUnsafeBufferPointer { tableBuffer in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * count) { workBuffer in
                        withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: group) { rowBuffer in
                            let nodes = nodeBuffer.baseAddress!, weights = weightBuffer.baseAddress!
                            let table = tableBuffer.baseAddress!, work = workBuffer.baseAddress!
                            let rowPointers = rowBuffer.baseAddress!
                            var row = 0
                            while row < rowCount {
                                let lanes = min(4, rowCount - row)
                                for lane in 0..<lanes {
                                    let posterior = work + lane * count
                                    posterior.update(from: weights, count: count)
                                    var index = offsets[row + lane]
                                    let end = offsets[row + lane + 1]
                                    while index < end {
                                        let size = min(group, end - index)
                                        for j in 0..<size {
                                            let item = Int(items[index + j]), answer = Int(answers[index + j])
                                            rowPointers[j] = table + (item &* 2 &+ answer) &* count
                                        }
                                        EAPTable.multiply(posterior, by: rowPointers, rows: size, count: count)
                                        if size == group { EAPTable.rescale(posterior, count: count) }
                                        index += size
                                    }
                                }
                                if lanes == 4 {
                                    EAPTable.moments4(work, nodes: nodes, count: count, theta: theta + row, se: se + row)
                                } else {
                                    for lane in 0..<lanes {
                                        let (mean, sd) = PosteriorKernel.moments(work + lane * count, nodes: nodes, count: count)
                                        theta[row + lane] = mean
                                        se[row + lane] = sd
                                    }
                                }
                                row += lanes
                            }
                        }
                    }
                }
            }
        }
    }

    /// `work[k] *= rows[0][k]; work[k] *= rows[1][k]; …` for every node: each node's products in
    /// the same order as `PosteriorKernel.multiply` row after row, eight nodes at a time in registers.
    @inline(__always)
    static func multiply(_ work: UnsafeMutablePointer<Double>, by rows: UnsafePointer<UnsafePointer<Double>>,
                         rows size: Int, count: Int) {
        var k = 0
        while k + 8 <= count {
            var block = UnsafeRawPointer(work + k).loadUnaligned(as: SIMD8<Double>.self)
            for j in 0..<size { block *= UnsafeRawPointer(rows[j] + k).loadUnaligned(as: SIMD8<Double>.self) }
            UnsafeMutableRawPointer(work + k).storeBytes(of: block, as: SIMD8<Double>.self)
            k += 8
        }
        while k < count {
            var value = work[k]
            for j in 0..<size { value *= rows[j][k] }
            work[k] = value
            k += 1
        }
    }

    /// `PosteriorKernel.rescale` without the logarithm: the maximum is the same whatever order it is
    /// taken in (values above the running maximum replace it, as there), so it is taken eight lanes wide.
    @inline(__always)
    static func rescale(_ work: UnsafeMutablePointer<Double>, count: Int) {
        var lanes = SIMD8<Double>(repeating: 0)
        var k = 0
        while k + 8 <= count {
            let block = UnsafeRawPointer(work + k).loadUnaligned(as: SIMD8<Double>.self)
            lanes.replace(with: block, where: block .> lanes)
            k += 8
        }
        var largest = 0.0
        for lane in 0..<8 where lanes[lane] > largest { largest = lanes[lane] }
        while k < count {
            if work[k] > largest { largest = work[k] }
            k += 1
        }
        guard largest > 0 else { return }
        let inverse = 1 / largest
        k = 0
        while k + 8 <= count {
            let block = UnsafeRawPointer(work + k).loadUnaligned(as: SIMD8<Double>.self) * inverse
            UnsafeMutableRawPointer(work + k).storeBytes(of: block, as: SIMD8<Double>.self)
            k += 8
        }
        while k < count {
            work[k] *= inverse
            k += 1
        }
    }

    /// `PosteriorKernel.moments` of four posteriors stored one after the other, summed side by side
    /// (each one's sums in node order, as there).
    @inline(__always)
    static func moments4(_ work: UnsafePointer<Double>, nodes: UnsafePointer<Double>, count: Int,
                         theta: UnsafeMutablePointer<Double>, se: UnsafeMutablePointer<Double>) {
        let w0 = work, w1 = work + count, w2 = work + 2 * count, w3 = work + 3 * count
        var total = SIMD4<Double>(repeating: 0), first = SIMD4<Double>(repeating: 0)
        for k in 0..<count {
            let value = SIMD4<Double>(w0[k], w1[k], w2[k], w3[k])
            total += value
            first += value * nodes[k]
        }
        let mean = first / total
        var second = SIMD4<Double>(repeating: 0)
        for k in 0..<count {
            let value = SIMD4<Double>(w0[k], w1[k], w2[k], w3[k])
            let d = nodes[k] - mean
            second += d * d * value
        }
        let variance = second / total
        for lane in 0..<4 {
            theta[lane] = mean[lane]
            se[lane] = variance[lane].squareRoot()
        }
    }
}

/// Output pointers shared by the worker threads of a batch; each thread writes disjoint rows.
struct SendablePointers: @unchecked Sendable {
    let theta: UnsafeMutablePointer<Double>
    let se: UnsafeMutablePointer<Double>
}
