import Foundation

/// Data from the 2PL model: item banks, abilities and responses, for validity studies and benchmarks.
public enum ResponseSimulator {
    /// A bank of `count` items with a ~ U(`discrimination`) and b ~ N(0, `difficultySD`), clipped to ±3.
    public static func bank(count: Int, discrimination: ClosedRange<Double> = 0.8...2.0, difficultySD: Double = 1,
                            using generator: inout SeededGenerator) -> [IRTParameters] {
        (0..<count).map { _ in
            let a = discrimination.lowerBound + (discrimination.upperBound - discrimination.lowerBound) * generator.nextUnit()
            let b = min(3, max(-3, difficultySD * generator.nextNormal()))
            return IRTParameters(a: a, b: b)
        }
    }

    /// `count` abilities from N(0, 1).
    public static func abilities(count: Int, using generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in generator.nextNormal() }
    }

    /// Whether a person of ability `theta` answers an item with `parameters` right: P(θ) against a uniform draw.
    public static func response(theta: Double, parameters: IRTParameters, using generator: inout SeededGenerator) -> Bool {
        generator.nextUnit() < parameters.probability(at: theta)
    }

    /// A response matrix: every person answers `answered` items drawn at random from the bank (all of them by default).
    public static func responses(abilities: [Double], bank: [IRTParameters], answered: Int? = nil,
                                 using generator: inout SeededGenerator) -> ResponseMatrix {
        var matrix = ResponseMatrix(itemCount: bank.count)
        var order = Array(bank.indices)
        let perPerson = min(answered ?? bank.count, bank.count)
        for theta in abilities {
            if perPerson < bank.count {
                // Partial Fisher–Yates: the first `perPerson` entries become a random sample.
                for i in 0..<perPerson {
                    let j = i + Int(generator.next() % UInt64(bank.count - i))
                    order.swapAt(i, j)
                }
            }
            for item in order.prefix(perPerson).sorted() {
                matrix.append(item: item, correct: response(theta: theta, parameters: bank[item], using: &generator))
            }
            matrix.endRow()
        }
        return matrix
    }
}
