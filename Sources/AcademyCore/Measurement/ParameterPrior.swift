/// A normal prior on an item parameter (on log a for discrimination, on b for difficulty).
public struct ParameterPrior: Sendable, Hashable, Codable {
    public var mean: Double
    public var standardDeviation: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}
