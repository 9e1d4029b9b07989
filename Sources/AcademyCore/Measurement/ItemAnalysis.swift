import Foundation

/// Classical item analysis (facility, corrected point-biserial) and IRT fit (infit/outfit) with flags.
///
/// The point-biserial is corrected: the item is removed from the total, and because persons may
/// answer different numbers of items (adaptive tests, missing data) the rest score is the mean
/// score on the person's *other* items — for complete data this is a linear function of the
/// corrected total, so the correlation is the same. Persons with a single response are skipped.
/// Misfit uses the mean-square residual statistics with θ given (normally EAP estimates):
/// z = (x − P)/√(P(1−P)); outfit = mean z²; infit = Σ(x − P)² / Σ P(1−P). An item misfits when
/// its infit lies outside 0.7…1.3 or its outfit exceeds 1.5 (Linacre's ranges: noise that degrades
/// measurement; an outfit below 1, few surprises, is not flagged because extreme items always have it).
public enum ItemAnalysis {
    /// When an item gets a flag.
    public struct Options: Sendable, Hashable {
        /// No flags below this many responses (default 30).
        public var minimumResponses: Int
        /// Facility outside this range is flagged (default 0.1…0.95).
        public var facilityRange: ClosedRange<Double>
        /// Infit outside this range is flagged (default 0.7…1.3).
        public var infitRange: ClosedRange<Double>
        /// Outfit above this is flagged (default 1.5). A low outfit (few surprises, as extreme items have) is not.
        public var outfitLimit: Double

        public init(minimumResponses: Int = 30, facilityRange: ClosedRange<Double> = 0.1...0.95,
                    infitRange: ClosedRange<Double> = 0.7...1.3, outfitLimit: Double = 1.5) {
            self.minimumResponses = minimumResponses
            self.facilityRange = facilityRange
            self.infitRange = infitRange
            self.outfitLimit = outfitLimit
        }

        public static let `default` = Options()
    }

    /// Statistics for every item of `matrix`; fit needs `parameters` (per item) and `abilities` (per row).
    public static func analyse(_ matrix: ResponseMatrix, parameters: [IRTParameters?]? = nil, abilities: [Double]? = nil,
                               options: Options = .default) -> [ItemStatistics] {
        let itemCount = matrix.itemCount
        var n = [Int](repeating: 0, count: itemCount)
        var right = [Double](repeating: 0, count: itemCount)
        // Sums for the point-biserial over persons with at least two responses.
        var pairs = [Int](repeating: 0, count: itemCount)
        var sumX = [Double](repeating: 0, count: itemCount)
        var sumY = [Double](repeating: 0, count: itemCount)
        var sumYY = [Double](repeating: 0, count: itemCount)
        var sumXY = [Double](repeating: 0, count: itemCount)
        // Fit sums.
        var fitCount = [Int](repeating: 0, count: itemCount)
        var squaredResiduals = [Double](repeating: 0, count: itemCount)
        var variances = [Double](repeating: 0, count: itemCount)
        var standardizedSquares = [Double](repeating: 0, count: itemCount)

        for row in 0..<matrix.rowCount {
            let start = matrix.offsets[row], end = matrix.offsets[row + 1]
            let answered = end - start
            var score = 0.0
            for index in start..<end { score += Double(matrix.correct[index]) }
            let theta = abilities.flatMap { row < $0.count ? $0[row] : nil }
            for index in start..<end {
                let item = Int(matrix.items[index])
                let x = Double(matrix.correct[index])
                n[item] += 1
                right[item] += x
                if answered > 1 {
                    let rest = (score - x) / Double(answered - 1)
                    pairs[item] += 1
                    sumX[item] += x
                    sumY[item] += rest
                    sumYY[item] += rest * rest
                    sumXY[item] += x * rest
                }
                if let theta, let parameter = parameters?[item], parameter.isUsable {
                    let p = parameter.probability(at: theta)
                    let variance = max(p * (1 - p), 1e-12)
                    let residual = x - p
                    fitCount[item] += 1
                    squaredResiduals[item] += residual * residual
                    variances[item] += variance
                    standardizedSquares[item] += residual * residual / variance
                }
            }
        }

        return (0..<itemCount).map { item in
            let facility = n[item] > 0 ? right[item] / Double(n[item]) : nil
            var discrimination: Double?
            let m = Double(pairs[item])
            if pairs[item] > 1 {
                // x is 0/1, so Σx² = Σx.
                let covariance = sumXY[item] / m - (sumX[item] / m) * (sumY[item] / m)
                let varianceX = sumX[item] / m - (sumX[item] / m) * (sumX[item] / m)
                let varianceY = sumYY[item] / m - (sumY[item] / m) * (sumY[item] / m)
                if varianceX > 1e-12, varianceY > 1e-12 {
                    discrimination = covariance / (varianceX * varianceY).squareRoot()
                }
            }
            let infit = fitCount[item] > 0 ? squaredResiduals[item] / variances[item] : nil
            let outfit = fitCount[item] > 0 ? standardizedSquares[item] / Double(fitCount[item]) : nil
            var flags: [ItemFlag] = []
            if n[item] >= options.minimumResponses {
                if let discrimination, discrimination < 0 { flags.append(.negativeDiscrimination) }
                if let facility, facility < options.facilityRange.lowerBound { flags.append(.tooHard) }
                if let facility, facility > options.facilityRange.upperBound { flags.append(.tooEasy) }
                if let infit, let outfit, !options.infitRange.contains(infit) || outfit > options.outfitLimit {
                    flags.append(.misfit)
                }
            }
            return ItemStatistics(item: item, responses: n[item], facility: facility, discrimination: discrimination,
                                  infit: infit, outfit: outfit, flags: flags)
        }
    }
}
