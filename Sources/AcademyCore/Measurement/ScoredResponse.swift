/// One scored answer as the estimators see it: the item's parameters and whether it was right.
public struct ScoredResponse: Sendable, Hashable, Codable {
    public var parameters: IRTParameters
    public var correct: Bool

    public init(_ parameters: IRTParameters, correct: Bool) {
        self.parameters = parameters
        self.correct = correct
    }
}
